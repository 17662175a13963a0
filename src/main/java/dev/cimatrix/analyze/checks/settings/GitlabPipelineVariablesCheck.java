package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Location;

/**
 * Anyone with the Developer role may run a GitLab project's pipelines with variables of their own, overriding those
 * of the project and of {@code .gitlab-ci.yml}: {@code ci_pipeline_variables_minimum_override_role: developer}, or,
 * where that is not stated, {@code restrict_user_defined_variables: false}.
 */
public final class GitlabPipelineVariablesCheck extends SettingsCheck {
    public static final String ID = "gitlab-pipeline-variables";

    public GitlabPipelineVariablesCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        GitlabSettings settings = context.settings();
        Location where;
        String setting;
        if (settings.variablesOverrideRole() != null) {
            findings.met();
            if (!settings.variablesOverrideRole().value().strip().equals("developer")) {
                return;
            }
            where = settings.variablesOverrideRole().location();
            setting = "ci_pipeline_variables_minimum_override_role: developer";
        } else if (settings.restrictVariables() != null) {
            findings.met();
            if (settings.restrictVariables().value()) {
                return;
            }
            where = settings.restrictVariables().location();
            setting = "restrict_user_defined_variables: false";
        } else {
            return;
        }
        findings.at(where)
                .message("Anyone with the Developer role may run pipelines with variables of their own (" + setting
                        + "), overriding the project's and the configuration's: an image, a script path, a deploy "
                        + "target or a value written into a script becomes theirs to choose.")
                .subject("pipeline variables").report();
    }
}
