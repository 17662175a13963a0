package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.TextSearch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a credential written into a definition looks like: a token in a known format (GitHub, AWS, Slack, GitLab, npm,
 * PyPI, Stripe, Google, private keys), or a literal with the length and mix of a generated secret under a
 * secret-sounding name. Messages show a credential only through {@link #mask}.
 */
public final class Credentials {
    /**
     * A token format, with literal text that every match contains: a value without any of it is passed over without
     * running the pattern, which most values are.
     */
    private record TokenFormat(String article, String name, List<String> markers, Pattern pattern) {
    }

    /** A token found in a text: what it is ("a GitHub token") and where it stands. */
    public record Token(String kind, String name, int start, int end, String text) {
    }

    private static final List<TokenFormat> FORMATS = List.of(
            new TokenFormat("a", "GitHub token", List.of("gh", "github_pat_"),
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\\b")),
            new TokenFormat("an", "AWS access key id", List.of("AKIA", "ASIA"), Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new TokenFormat("a", "Slack token", List.of("xox"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new TokenFormat("a", "GitLab token", List.of("glpat-", "glrt-", "gldt-", "glptt-"),
                    Pattern.compile("\\b(?:glpat|glrt|gldt|glptt)-[A-Za-z0-9_-]{20,}")),
            new TokenFormat("an", "npm token", List.of("npm_"), Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b")),
            new TokenFormat("a", "PyPI token", List.of("pypi-AgEIcHlwaS5vcmc"), Pattern.compile("\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")),
            new TokenFormat("a", "Stripe secret key", List.of("_live_"), Pattern.compile("\\b(?:sk|rk)_live_[A-Za-z0-9]{20,}")),
            new TokenFormat("a", "Google API key", List.of("AIza"), Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b")),
            new TokenFormat("a", "private key", List.of("PRIVATE KEY-----"), Pattern.compile("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")));
    /** Every marker of every format, without case: most values hold none, and one pass over them says so. */
    private static final TextSearch ANY_MARKER = TextSearch.anyOf(
            FORMATS.stream().flatMap(f -> f.markers().stream()).toArray(String[]::new));
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)");
    private static final Pattern NOT_A_SECRET_NAME = Pattern.compile("(?i)(?:_file|_path|_url|_name|_user(?:name)?|_id|_env|_type|_length)$");

    private Credentials() {
    }

    /** Whether a variable's name says it holds a secret: {@code NPM_TOKEN}, {@code DB_PASSWORD}, not {@code TOKEN_FILE}. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).find() && !NOT_A_SECRET_NAME.matcher(name).find();
    }

    /** The first token of a known format in the text, if any. */
    public static Optional<Token> knownToken(String text) {
        if (!ANY_MARKER.foundIn(text)) {
            return Optional.empty();
        }
        for (TokenFormat format : FORMATS) {
            if (!TextSearch.containsAny(text, format.markers())) {
                continue;
            }
            Matcher m = format.pattern().matcher(text);
            if (m.find()) {
                return Optional.of(new Token(format.article() + " " + format.name(), format.name(), m.start(), m.end(),
                        m.group()));
            }
        }
        return Optional.empty();
    }

    /**
     * A secret-sounding name with a literal that has the length and mix of a generated secret; short or word-like
     * values (test database passwords, placeholders) are left alone. {@code text} is the literal value, one that
     * refers to something else (an expression, a variable) already set aside by the caller.
     */
    public static boolean looksLikeSecret(String name, String value) {
        String text = value.strip();
        // The cheap tests first: most values are short.
        if (text.length() < 16 || !SECRET_NAME.matcher(name).find() || NOT_A_SECRET_NAME.matcher(name).find()
                || text.chars().anyMatch(Character::isWhitespace) || text.contains("/") && !text.contains("+")) {
            return false;
        }
        int classes = 0;
        classes += text.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += text.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += text.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += text.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        boolean hex = text.toLowerCase(Locale.ROOT).matches("[0-9a-f]{32,}");
        return classes >= 3 || hex;
    }

    /** The value with all but its first characters hidden, and its length. */
    public static String mask(String secret) {
        int shown = secret.length() >= 16 ? 4 : 0;
        return secret.substring(0, shown) + "…" + " (" + secret.length() + " characters, masked)";
    }
}
