package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.Variable;

import java.util.List;

/**
 * A GitLab CI/CD variable whose name says it holds a credential and that is neither masked nor hidden: a job that
 * prints it (a debug trace, {@code env}, a failing command that echoes its arguments) writes the value into the job
 * log. Low; medium on a public project whose job logs are public ({@code public_jobs}), where everyone reads them.
 * File variables are left out: they hold multi-line secrets GitLab cannot mask, and print as a path.
 */
public final class GitlabVariableUnmaskedCheck extends SettingsCheck {
    public static final String ID = "gitlab-variable-unmasked";

    public GitlabVariableUnmaskedCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        GitlabSettings settings = context.settings();
        List<Variable> variables = settings.variables();
        if (variables == null) {
            return;
        }
        findings.met();
        boolean publicLogs = settings.visibility() != null && settings.visibility().value().strip().equals("public")
                && (settings.publicJobs() == null || settings.publicJobs().value());
        for (Variable variable : variables) {
            String key = variable.key().value().strip();
            if (!Credentials.isSecretName(key) || variable.file() || variable.maskedInLogs()) {
                continue;
            }
            var finding = findings.at(variable.masked() != null ? variable.masked().location() : variable.location())
                    .message("CI/CD variable " + key + " is not masked: a job that prints it (a debug trace, env, a "
                            + "command that echoes its arguments) writes the value into the job log"
                            + (publicLogs ? ", which everyone can read on this public project (public_jobs)." : "."))
                    .subject("variable " + key + " " + variable.scope());
            if (!publicLogs) {
                finding.severity(Severity.LOW);
            }
            finding.report();
        }
    }
}
