package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.RunnerGroup;

/**
 * A self-hosted runner group that every repository of the organisation may use ({@code visibility: all}) with any
 * workflow ({@code restricted_to_workflows} off): a job of any repository, written by anyone who can push to one, runs
 * on the machines that the release and deployment jobs of the others use. Medium; low for a group known to hold no
 * runner.
 */
public final class RunnerGroupSharedCheck extends SettingsCheck {
    public static final String ID = "github-runner-group-shared";

    public RunnerGroupSharedCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        if (context.settings().runnerGroups().isEmpty()) {
            return;
        }
        findings.met();
        for (RunnerGroup group : context.settings().runnerGroups()) {
            if (group.visibility() == null || !group.visibility().value().strip().equals("all")
                    || group.restrictedToWorkflows() != null && group.restrictedToWorkflows().value()) {
                continue;
            }
            RunnerGroupFindings.report(findings, group, group.visibility().location(), "Runner group "
                    + RunnerGroupFindings.name(group) + " of " + owner(context.settings()) + " lets every repository, "
                    + "and any of their workflows, use its self-hosted runners (visibility: all, not restricted to "
                    + "workflows): a job anyone who can push to one repository writes runs on the machines the others' "
                    + "release and deployment jobs use");
        }
    }
}
