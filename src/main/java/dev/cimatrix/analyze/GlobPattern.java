package dev.cimatrix.analyze;

import com.google.re2j.Pattern;

/**
 * A wildcard pattern over names and paths, matched in time linear in the name: patterns and names both come from
 * the files being scanned, and a backtracking matcher would let a pattern such as {@code **a**a**a**b} hold a
 * scan up for hours over a long name. Three syntaxes are read:
 *
 * <ul>
 *   <li>{@link #pathGlob path globs}, as {@code java.nio.file.FileSystem#getPathMatcher} reads them, for the
 *       {@code ignore} list of {@code .cimatrix.yml};</li>
 *   <li>{@link #githubFilter GitHub filter patterns}, as the workflow syntax reads them in branch, tag, path and
 *       workflow name filters;</li>
 *   <li>{@link #wildcard plain wildcards}, as GitLab reads protected branch names.</li>
 * </ul>
 */
public final class GlobPattern {
    private final String source;
    private final Pattern regex;

    private GlobPattern(String source, String regex) {
        this.source = source;
        this.regex = Pattern.compile(regex, Pattern.DOTALL);
    }

    /** A pattern that cannot be read; the message says where and why, as picocli and the YAML readers do. */
    public static final class SyntaxException extends IllegalArgumentException {
        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * A path glob: {@code *} and {@code ?} match within one folder name, {@code **} across folders, {@code [a-z]}
     * and {@code [!a-z]} one character of a name, {@code {a,b}} either, and {@code \} escapes. A path matches when
     * the glob matches it or a folder it lies in; a trailing {@code /} is the same folder.
     *
     * @throws SyntaxException when the glob is malformed (an unclosed {@code [} or {@code {}, a nested group, ...)
     */
    public static GlobPattern pathGlob(String glob) {
        String body = glob.length() > 1 && glob.endsWith("/") && !glob.endsWith("\\/")
                ? glob.substring(0, glob.length() - 1) : glob;
        StringBuilder regex = new StringBuilder("(?:");
        boolean inGroup = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 == body.length()) {
                        throw error(glob, i, "nothing after the escape '\\'");
                    }
                    literal(regex, body.charAt(++i));
                }
                case '*' -> i = star(body, i, regex);
                case '?' -> regex.append("[^/]");
                case '[' -> i = pathClass(glob, body, i, regex);
                case '{' -> {
                    if (inGroup) {
                        throw error(glob, i, "a '{' group cannot hold another");
                    }
                    inGroup = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (inGroup) {
                        inGroup = false;
                        regex.append(')');
                    } else {
                        literal(regex, c);
                    }
                }
                case ',' -> {
                    if (inGroup) {
                        regex.append('|');
                    } else {
                        literal(regex, c);
                    }
                }
                default -> literal(regex, c);
            }
        }
        if (inGroup) {
            throw error(glob, body.length(), "a '{' group is not closed with '}'");
        }
        return new GlobPattern(glob, regex.append(")(?:/.*)?").toString());
    }

    /** Reads {@code [...]} from {@code start}; returns the index of its {@code ]}. No class matches '/'. */
    private static int pathClass(String glob, String body, int start, StringBuilder regex) {
        int i = start + 1;
        boolean negated = i < body.length() && body.charAt(i) == '!';
        if (negated) {
            i++;
        }
        StringBuilder set = new StringBuilder();
        boolean first = true;
        while (i < body.length() && (body.charAt(i) != ']' || first)) {
            char lo = body.charAt(i);
            if (lo == '/') {
                throw error(glob, i, "a '[...]' class cannot hold '/', which separates folders");
            }
            char hi = lo;
            if (i + 2 < body.length() && body.charAt(i + 1) == '-' && body.charAt(i + 2) != ']') {
                hi = body.charAt(i + 2);
                if (hi < lo) {
                    throw error(glob, i, "the range " + lo + "-" + hi + " runs backwards");
                }
                i += 2;
            }
            range(set, lo, hi, negated);
            first = false;
            i++;
        }
        if (i >= body.length()) {
            throw error(glob, start, "a '[' class is not closed with ']'");
        }
        if (set.isEmpty()) {
            // Only '/' fell in a positive range, so nothing in a name can match.
            regex.append("[^\\x00-\\x{10FFFF}]");
        } else {
            regex.append(negated ? "[^/" : "[").append(set).append(']');
        }
        return i;
    }

    /** Adds lo..hi to a class, leaving '/' out of a positive one (a negated one leaves it out already). */
    private static void range(StringBuilder set, char lo, char hi, boolean negated) {
        if (!negated && lo <= '/' && '/' <= hi) {
            if (lo < '/') {
                range(set, lo, (char) ('/' - 1), true);
            }
            if (hi > '/') {
                range(set, (char) ('/' + 1), hi, true);
            }
            return;
        }
        classMember(set, lo);
        if (hi != lo) {
            set.append('-');
            classMember(set, hi);
        }
    }

    /**
     * A GitHub filter pattern: {@code *} matches within one path part, {@code **} across parts, {@code ?} makes
     * the character before it optional, {@code +} repeats it, {@code [a-z0-9]} matches one listed character, and
     * {@code \} escapes. A leading {@code !} is the filter list's business and is matched literally here. A
     * {@code [} with no {@code ]} after it stands for itself, as an unmatched special character does in GitHub.
     */
    public static GlobPattern githubFilter(String filter) {
        StringBuilder regex = new StringBuilder();
        int lastAtom = -1;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            int atom = regex.length();
            switch (c) {
                case '\\' -> literal(regex, i + 1 < filter.length() ? filter.charAt(++i) : c);
                case '*' -> i = star(filter, i, regex);
                case '?', '+' -> {
                    if (lastAtom < 0) {
                        literal(regex, c);
                    } else {
                        regex.insert(lastAtom, "(?:").append(')').append(c);
                        atom = lastAtom;
                    }
                }
                case '[' -> {
                    int end = filter.indexOf(']', i + 2);
                    if (end < 0) {
                        literal(regex, c);
                    } else {
                        StringBuilder set = new StringBuilder();
                        for (int j = i + 1; j < end; j++) {
                            char lo = filter.charAt(j);
                            char hi = lo;
                            if (j + 2 < end && filter.charAt(j + 1) == '-' && filter.charAt(j + 2) >= lo) {
                                hi = filter.charAt(j + 2);
                                j += 2;
                            }
                            range(set, lo, hi, true);
                        }
                        regex.append('[').append(set).append(']');
                        i = end;
                    }
                }
                default -> literal(regex, c);
            }
            lastAtom = atom;
        }
        return new GlobPattern(filter, regex.toString());
    }

    /**
     * A plain wildcard, as GitLab reads protected branch names: {@code *} matches any text, {@code /} included, and
     * every other character stands for itself.
     */
    public static GlobPattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else {
                literal(regex, c);
            }
        }
        return new GlobPattern(pattern, regex.toString());
    }

    /** {@code **} (any text) or {@code *} (text within one path part) at {@code i}; returns the index of its last star. */
    private static int star(String pattern, int i, StringBuilder regex) {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
            regex.append(".*");
            return i + 1;
        }
        regex.append("[^/]*");
        return i;
    }

    /** Whether the whole of {@code name} matches. */
    public boolean matches(String name) {
        return regex.matches(name);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return source;
    }

    private static void literal(StringBuilder regex, char c) {
        if (c < 128 && !Character.isLetterOrDigit(c)) {
            regex.append('\\');
        }
        regex.append(c);
    }

    private static void classMember(StringBuilder set, char c) {
        literal(set, c);
    }

    private static SyntaxException error(String glob, int index, String reason) {
        return new SyntaxException("'" + glob + "' is not a path pattern: " + reason + " (at character " + (index + 1)
                + ")");
    }
}
