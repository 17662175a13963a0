package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.model.GitlabSettings.Variable;

import java.util.List;

/**
 * A GitLab CI/CD variable whose name says it holds a credential ({@code DEPLOY_TOKEN}, {@code AWS_SECRET_ACCESS_KEY})
 * and that is not protected: the pipelines of every branch get it, not only those of protected branches and tags, so
 * a Developer who pushes a branch with a changed {@code .gitlab-ci.yml} runs a job that reads it, with no review.
 */
public final class GitlabVariableUnprotectedCheck extends SettingsCheck {
    public static final String ID = "gitlab-variable-unprotected";

    public GitlabVariableUnprotectedCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        List<Variable> variables = context.settings().variables();
        if (variables == null) {
            return;
        }
        findings.met();
        for (Variable variable : variables) {
            String key = variable.key().value().strip();
            if (!Credentials.isSecretName(key) || variable.isProtected() != null && variable.isProtected().value()) {
                continue;
            }
            findings.at(variable.isProtected() != null ? variable.isProtected().location() : variable.location())
                    .message("CI/CD variable " + key + " is not protected: GitLab gives it to " + variable.scope()
                            + " in the pipelines of every branch, not only of protected ones, so a Developer who pushes "
                            + "a branch with a changed .gitlab-ci.yml runs a job that reads it, unreviewed.")
                    .subject("variable " + key + " " + variable.scope())
                    .report();
        }
    }
}
