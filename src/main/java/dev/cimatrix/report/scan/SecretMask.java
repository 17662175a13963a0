package dev.cimatrix.report.scan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a credential in a line of source before a report prints it: tokens with a known
 * prefix ({@code ghp_…}, {@code AKIA…}), literal values of keys named like passwords, secrets or tokens, and
 * long high-entropy strings. A short prefix stays readable so the user can tell which secret it is, and the
 * line keeps its length so underlines stay under their span.
 */
final class SecretMask {
    private static final char MASK = '*';
    /** Token formats whose prefix names the issuer (eyJ opens every JWT); the prefix stays, the rest is masked. */
    private static final Pattern PREFIXED_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9])(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|npm_|pypi-|AKIA|ASIA|AIza|eyJ)"
                    + "(?<secret>[A-Za-z0-9_\\-]{12,})");
    /** {@code password: hunter2}, {@code API_KEY="…"}: the key says the value is secret. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key"
                    + "|access[_-]?key|private[_-]?key)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"'#,}]+)");
    /** The password of a URL's user information, {@code https://user:PASSWORD@host}: always a credential. */
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^/\\s:@]*:(?<secret>[^/\\s@]+)@");
    /** How every secret-sounding key of {@link #SECRET_ASSIGNMENT} ends. */
    private static final String[] SECRET_WORDS = {"password", "passwd", "passphrase", "pwd", "secret", "token", "key"};
    /** Values of secret-sounding keys that are settings or references, not secrets. */
    private static final Set<String> NOT_SECRETS = Set.of("true", "false", "yes", "no", "null", "none", "read",
            "write", "inherit", "~");
    /** The shortest random-looking token: 20 characters of {@code [A-Za-z0-9+/=_-]}. */
    private static final int MIN_CANDIDATE = 20;
    /** The shortest prefixed token: the shortest prefix (eyJ) and 12 more characters. */
    private static final int MIN_PREFIXED = 3 + 12;

    private SecretMask() {
    }

    static String mask(String line) {
        char[] out = line.toCharArray();
        // Prefixed tokens and random-looking ones lie within runs of token characters, and most text has no
        // run long enough to hold one: the expression runs only over runs that can, and the long runs are
        // the candidates themselves, as [A-Za-z0-9+/=_-]{20,} would find them.
        Matcher prefixed = null;
        int n = line.length();
        int i = 0;
        while (i < n) {
            if (!isTokenChar(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(line.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_CANDIDATE && looksRandom(line.substring(start, i))) {
                blank(out, start, i, 4);
            }
            // The prefixed tokens' characters exclude + / =, so their runs are parts of this one.
            for (int from = start; from < i; ) {
                if (!isPrefixedChar(line.charAt(from))) {
                    from++;
                    continue;
                }
                int to = from;
                while (to < i && isPrefixedChar(line.charAt(to))) {
                    to++;
                }
                if (to - from >= MIN_PREFIXED) {
                    // Transparent bounds let the look-behind see the character before the run, as on the whole line.
                    prefixed = prefixed == null ? PREFIXED_TOKEN.matcher(line) : prefixed;
                    prefixed.region(from, to).useTransparentBounds(true);
                    while (prefixed.find()) {
                        blank(out, prefixed.start("secret"), prefixed.end("secret"), 0);
                    }
                }
                from = to;
            }
        }
        if (line.contains("://")) {
            Matcher url = URL_PASSWORD.matcher(line);
            while (url.find()) {
                if (!url.group("secret").startsWith("$")) {
                    blank(out, url.start("secret"), url.end("secret"), 0);
                }
            }
        }
        // Only lines with an assignment right after a secret-sounding word can match, and most lines have none.
        // The pattern starts at the word, not at the key holding it: a run of key characters before the word
        // would be tried from each of its characters, quadratic over a long line of them.
        if (mayAssignSecret(line)) {
            Matcher assignment = SECRET_ASSIGNMENT.matcher(line);
            while (assignment.find()) {
                String value = assignment.group("secret");
                if (!value.startsWith("$") && !NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
                    blank(out, assignment.start("secret"), assignment.end("secret"), 4);
                }
            }
        }
        return new String(out);
    }

    /** A character of {@code [A-Za-z0-9+/=_-]}, what a random-looking token is made of. */
    private static boolean isTokenChar(char c) {
        return isPrefixedChar(c) || c == '+' || c == '/' || c == '=';
    }

    /** A character of {@code [A-Za-z0-9_-]}, what a prefixed token (prefix included) is made of. */
    private static boolean isPrefixedChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * Whether the assignment pattern can match: some {@code :} or {@code =} has a secret-sounding word right
     * before it, past blanks and one quote. It is cheap, and it is false for most lines, so the pattern runs
     * only where it can find something.
     */
    private static boolean mayAssignSecret(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ':' && c != '=') {
                continue;
            }
            int end = i;
            while (end > 0 && isSpace(line.charAt(end - 1))) {
                end--;
            }
            if (end > 0 && (line.charAt(end - 1) == '"' || line.charAt(end - 1) == '\'')) {
                end--;
            }
            for (String word : SECRET_WORDS) {
                if (end >= word.length() && line.regionMatches(true, end - word.length(), word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What {@code \s} matches in a pattern. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Masks {@code [from, to)} after keeping at most {@code keep} characters, and at most a quarter of them. */
    private static void blank(char[] text, int from, int to, int keep) {
        int kept = Math.min(keep, (to - from) / 4);
        for (int i = from + kept; i < to; i++) {
            text[i] = MASK;
        }
    }

    /**
     * Mixed case and digits with entropy near the most its length allows: random, not a word, path or
     * identifier. Hex is left alone, as commit SHAs and image digests are what pins look like.
     */
    static boolean looksRandom(String token) {
        boolean hex = !token.isEmpty();
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        if (hex || !upper || !lower || !digit || token.indexOf('/') >= 0 && looksLikePath(token)) {
            return false;
        }
        double maximum = Math.log(Math.min(token.length(), 64)) / Math.log(2);
        return entropy(token) >= 0.85 * maximum;
    }

    /** A path of words such as {@code 11/jobs/Docker-Build-Test}: each part between separators a word or a number. */
    private static final Pattern PATH_WORD = Pattern.compile("[a-z]*|[A-Z][a-z]+|[A-Z]{1,4}|v?[0-9]+");

    private static boolean looksLikePath(String token) {
        for (String part : token.split("[/_-]", -1)) {
            if (!PATH_WORD.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Shannon entropy in bits per character. */
    private static double entropy(String token) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : token.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / token.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
