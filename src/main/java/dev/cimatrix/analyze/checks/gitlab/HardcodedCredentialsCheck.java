package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.CredentialFindings;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.KeyValue;

import java.util.List;

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

    /** Where GitLab keeps a secret instead. */
    private static final CredentialFindings FINDINGS = new CredentialFindings(
            "a masked, protected CI/CD variable of the project or group");

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        variables(context.pipeline().variables(), "pipeline variable", findings);
        for (GitlabJob job : context.pipeline().jobs()) {
            String owner = job.label();
            variables(job.variables(), "variable of " + owner, findings);
            for (GitlabJob.ScriptLine line : job.scripts()) {
                FINDINGS.anyToken(line.line(), "the " + line.section() + " of " + owner,
                        job.name() + " " + line.section(), findings);
            }
        }
    }

    private static void variables(List<KeyValue> variables, String where, FindingSink findings) {
        for (KeyValue variable : variables) {
            FINDINGS.named(variable.key(), variable.value(), where + " '" + variable.key() + "'",
                    where + " " + variable.key(), findings);
        }
    }
}
