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
            "(?i)(?<![A-Za-z0-9])[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key"
                    + "|access[_-]?key|private[_-]?key)[\"']?\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"'#,}]+)");
    /** Values of secret-sounding keys that are settings or references, not secrets. */
    private static final Set<String> NOT_SECRETS = Set.of("true", "false", "yes", "no", "null", "none", "read",
            "write", "inherit", "~");
    private static final Pattern CANDIDATE_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{20,}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private SecretMask() {
    }

    static String mask(String line) {
        char[] out = line.toCharArray();
        Matcher prefixed = PREFIXED_TOKEN.matcher(line);
        while (prefixed.find()) {
            blank(out, prefixed.start("secret"), prefixed.end("secret"), 0);
        }
        Matcher assignment = SECRET_ASSIGNMENT.matcher(line);
        // The assignment pattern backtracks on every word; only lines with an assignment and a secret-sounding
        // word can match, and most lines have neither.
        while (mayAssignSecret(line) && assignment.find()) {
            String value = assignment.group("secret");
            if (!value.startsWith("$") && !NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
                blank(out, assignment.start("secret"), assignment.end("secret"), 4);
            }
        }
        Matcher candidate = CANDIDATE_TOKEN.matcher(line);
        while (candidate.find()) {
            if (looksRandom(candidate.group())) {
                blank(out, candidate.start(), candidate.end(), 4);
            }
        }
        return new String(out);
    }

    private static boolean mayAssignSecret(String line) {
        if (line.indexOf(':') < 0 && line.indexOf('=') < 0) {
            return false;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("pass") || lower.contains("pwd") || lower.contains("secret") || lower.contains("token")
                || lower.contains("key");
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
        if (HEX.matcher(token).matches()
                || token.chars().noneMatch(Character::isUpperCase)
                || token.chars().noneMatch(Character::isLowerCase)
                || token.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        double maximum = Math.log(Math.min(token.length(), 64)) / Math.log(2);
        return entropy(token) >= 0.85 * maximum;
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
