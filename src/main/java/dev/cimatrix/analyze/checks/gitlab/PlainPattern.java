package dev.cimatrix.analyze.checks.gitlab;

/**
 * Whether a regular expression that an input must match (GitLab's {@code spec:inputs:regex}) admits only plain text:
 * anchored at both ends, and built only from letters, digits, {@code . _ - / : @ + , = %}, the classes {@code \d} and
 * {@code \w}, bracket classes of those, groups, alternation and repetition. Such a value cannot carry a quote, a
 * space, {@code ;}, {@code $}, a backtick or a parenthesis into a shell. Anything else (an unescaped dot, {@code \S},
 * a negated class) may, and so does a pattern not anchored at both ends, which GitLab matches anywhere in the value.
 */
final class PlainPattern {
    private static final String PLAIN = "._-/:@+,=%";

    private PlainPattern() {
    }

    static boolean admitsOnlyPlainText(String regex) {
        String r = regex.strip();
        if (r.startsWith("/") && r.lastIndexOf('/') > 0) {
            // Written as a Ruby-style literal, /pattern/.
            r = r.substring(1, r.lastIndexOf('/'));
        }
        boolean start = r.startsWith("^") || r.startsWith("\\A");
        boolean end = r.endsWith("$") && !r.endsWith("\\$") || r.endsWith("\\z") || r.endsWith("\\Z");
        if (!start || !end) {
            return false;
        }
        r = r.substring(r.startsWith("^") ? 1 : 2, r.length() - (r.endsWith("$") ? 1 : 2));
        int depth = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                // ^a|b$ is (^a)|(b$): each side is anchored at one end only.
                return false;
            }
            if (c == '\\') {
                if (i + 1 >= r.length() || !plainEscape(r.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (c == '[') {
                int close = classEnd(r, i);
                if (close < 0) {
                    return false;
                }
                i = close;
            } else if (c == '.') {
                return false;
            } else if (!(Character.isLetterOrDigit(c) && c < 128 || "_-/:@+,=%(){}|?*".indexOf(c) >= 0)) {
                return false;
            } else if (c == '(' && i + 1 < r.length() && r.charAt(i + 1) == '?'
                    && !(i + 2 < r.length() && r.charAt(i + 2) == ':')) {
                // Only non-capturing groups; look-arounds and flags are left to the conservative answer.
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the {@code ]} that ends a plain bracket class opened at {@code open}, or -1. A range is plain
     * only within digits, small letters or capital letters: {@code [+-=]} holds {@code ;} and {@code <}.
     */
    private static int classEnd(String r, int open) {
        int i = open + 1;
        if (i < r.length() && r.charAt(i) == '^') {
            return -1;
        }
        for (; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == ']') {
                return i > open + 1 ? i : -1;
            }
            if (c == '\\') {
                if (i + 1 >= r.length() || !plainEscape(r.charAt(i + 1))) {
                    return -1;
                }
                i++;
            } else if (c == '-' && i > open + 1 && i + 1 < r.length() && r.charAt(i + 1) != ']') {
                char from = r.charAt(i - 1);
                char to = r.charAt(i + 1);
                if (!(sameKind(from, to) && from <= to)) {
                    return -1;
                }
                i++;
            } else if (!(Character.isLetterOrDigit(c) && c < 128 || PLAIN.indexOf(c) >= 0)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean sameKind(char a, char b) {
        return a >= '0' && b <= '9' && a <= '9' && b >= '0' || a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z'
                || a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    /** An escape that stands for plain characters only: {@code \d}, {@code \w} or a plain punctuation mark. */
    private static boolean plainEscape(char c) {
        return c == 'd' || c == 'w' || PLAIN.indexOf(c) >= 0;
    }
}
