package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DependabotContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Container;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credentials written into the definition itself: a literal registry password in a job or service
 * container's {@code credentials}, a value in the shape of a known token (GitHub, AWS, Slack, GitLab, npm,
 * Stripe, Google, private keys) in {@code env} or {@code with}, and a secret-looking literal under a
 * secret-sounding env name. Messages show the value masked, never in full.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "gha-hardcoded-credentials";

    /**
     * A token format, with literal text that every match contains: a value without any of it is passed
     * over without running the pattern, which most values are.
     */
    private record TokenFormat(String article, String name, List<String> markers, Pattern pattern) {
        boolean foundIn(String text) {
            return TextSearch.containsAny(text, markers) && pattern.matcher(text).find();
        }
    }

    private static final List<TokenFormat> FORMATS = List.of(
            new TokenFormat("a", "GitHub token", List.of("gh", "github_pat_"),
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\\b")),
            new TokenFormat("an", "AWS access key id", List.of("AKIA", "ASIA"), Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
            new TokenFormat("a", "Slack token", List.of("xox"), Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new TokenFormat("a", "GitLab token", List.of("glpat-"), Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
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

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        entries(context.workflow().env(), "workflow env", findings);
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        entries(context.job().env(), "job env", findings);
        entries(context.job().with(), "reusable workflow input", findings);
        entries(context.job().secrets(), "reusable workflow secret", findings);
        if (context.job().container() != null) {
            container(context.job().container(), "job container", findings);
        }
        for (Container service : context.job().services()) {
            container(service, "service '" + service.name() + "'", findings);
        }
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        entries(context.step().env(), "step env", findings);
        entries(context.step().with(), "action input", findings);
    }

    /** A private registry of a Dependabot configuration with a credential written in, not taken from a secret. */
    @Override
    public void dependabot(DependabotContext context, FindingSink findings) {
        for (DependabotConfig.Registry registry : context.config().registries()) {
            for (KeyValue credential : registry.credentials()) {
                Scalar value = credential.value();
                // Dependabot takes its secrets as ${{secrets.NAME}}.
                if (value.value().isBlank() || value.value().contains("${{")) {
                    continue;
                }
                findings.at(value.location())
                        .message("Dependabot registry '" + registry.name() + "' has a literal " + credential.key() + " ("
                                + mask(value.value().strip()) + "): anyone who can read the repository can use the "
                                + "registry with it; revoke it and use ${{secrets.…}} (a Dependabot secret)")
                        .subject("dependabot registry " + registry.name() + " " + credential.key()).report();
            }
        }
    }

    private void container(Container container, String where, FindingSink findings) {
        for (KeyValue credential : container.credentials()) {
            Scalar value = credential.value();
            if (credential.key().equals("password") && !value.hasExpressions() && !value.value().isBlank()) {
                findings.at(value.location())
                        .message(where + " has a literal registry password (" + mask(value.value()) + ") in its credentials: anyone who"
                                + " can read the repository can log in to the registry; use ${{ secrets.… }}")
                        .subject(where + " credentials.password").report();
            }
        }
        entries(container.env(), where + " env", findings);
    }

    private void entries(List<KeyValue> entries, String where, FindingSink findings) {
        for (KeyValue entry : entries) {
            Scalar value = entry.value();
            String text = value.value();
            Optional<TokenFormat> format = tokenFormat(text);
            if (format.isPresent()) {
                var matcher = format.get().pattern().matcher(text);
                matcher.find();
                findings.at(value.locate(matcher.start(), matcher.end() - matcher.start()))
                        .message(where + " '" + entry.key() + "' holds what looks like " + format.get().article() + " " + format.get().name() + " ("
                                + mask(matcher.group()) + "): it is readable by anyone who can read the repository and its history;"
                                + " revoke it and use ${{ secrets.… }}")
                        .subject(where + " " + entry.key() + " " + format.get().name())
                        .severity(Severity.HIGH).report();
            } else if (looksLikeSecret(entry.key(), value)) {
                findings.at(value.location())
                        .message(where + " '" + entry.key() + "' is set to a literal that looks like a secret (" + mask(text.strip())
                                + "): if it is one, anyone who can read the repository has it; use ${{ secrets.… }}")
                        .subject(where + " " + entry.key())
                        .severity(Severity.MEDIUM).confidence(Confidence.MEDIUM).report();
            }
        }
    }

    private static Optional<TokenFormat> tokenFormat(String text) {
        if (!ANY_MARKER.foundIn(text)) {
            return Optional.empty();
        }
        for (TokenFormat format : FORMATS) {
            if (format.foundIn(text)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * A secret-sounding name with a literal that has the length and mix of a generated secret; short or
     * word-like values (test database passwords, placeholders) are left alone.
     */
    static boolean looksLikeSecret(String name, Scalar value) {
        String text = value.value().strip();
        // The cheap tests first: most values are expressions or short.
        if (value.hasExpressions() || text.length() < 16 || !SECRET_NAME.matcher(name).find()
                || NOT_A_SECRET_NAME.matcher(name).find()
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
    static String mask(String secret) {
        int shown = secret.length() >= 16 ? 4 : 0;
        return secret.substring(0, shown) + "…" + " (" + secret.length() + " characters, masked)";
    }
}
