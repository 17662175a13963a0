package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Optional;

/**
 * Credentials written into a GitLab CI configuration: a token in a known format in {@code variables} or in a script
 * line, or a secret-looking literal under a secret-sounding variable name. Values that refer to another variable
 * ({@code $DEPLOY_TOKEN}) are what CI/CD variables are for, and are not reported. Messages show the value masked.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "gitlab-hardcoded-credentials";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        variables(context.pipeline().variables(), "pipeline variable", findings);
        for (GitlabJob job : context.pipeline().jobs()) {
            String owner = job.label();
            variables(job.variables(), "variable of " + owner, findings);
            for (GitlabJob.ScriptLine line : job.scripts()) {
                Credentials.knownToken(line.line().value()).ifPresent(token -> report(line.line(), token,
                        "the " + line.section() + " of " + owner, job.name() + " " + line.section(), findings));
            }
        }
    }

    private static void variables(List<KeyValue> variables, String where, FindingSink findings) {
        for (KeyValue variable : variables) {
            Scalar value = variable.value();
            Optional<Credentials.Token> token = Credentials.knownToken(value.value());
            if (token.isPresent()) {
                report(value, token.get(), where + " '" + variable.key() + "'", where + " " + variable.key(), findings);
            } else if (!value.value().contains("$") && Credentials.looksLikeSecret(variable.key(), value.value())) {
                findings.at(value.location())
                        .message(where + " '" + variable.key() + "' is set to a literal that looks like a secret ("
                                + Credentials.mask(value.value().strip()) + "): if it is one, anyone who can read the "
                                + "repository has it; make it a masked CI/CD variable of the project or group")
                        .subject(where + " " + variable.key())
                        .severity(Severity.MEDIUM).confidence(Confidence.MEDIUM).report();
            }
        }
    }

    private static void report(Scalar value, Credentials.Token token, String where, String subject,
                               FindingSink findings) {
        findings.at(value.locate(token.start(), token.end() - token.start()))
                .message(where + " holds what looks like " + token.kind() + " (" + Credentials.mask(token.text())
                        + "): it is readable by anyone who can read the repository and its history; revoke it and "
                        + "make the new one a masked, protected CI/CD variable")
                .subject(subject + " " + token.name()).report();
    }
}
