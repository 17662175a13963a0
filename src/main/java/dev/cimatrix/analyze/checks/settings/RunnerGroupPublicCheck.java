package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.RunnerGroup;

/**
 * A self-hosted runner group that public repositories may use ({@code allows_public_repositories: true}): a workflow
 * of a public repository that anyone's pull request, issue or comment starts runs on the organisation's own machines,
 * inside its network, where what a job leaves behind meets the next. High; low for a group known to hold no runner.
 */
public final class RunnerGroupPublicCheck extends SettingsCheck {
    public static final String ID = "github-runner-group-public";

    public RunnerGroupPublicCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        if (context.settings().runnerGroups().isEmpty()) {
            return;
        }
        findings.met();
        for (RunnerGroup group : context.settings().runnerGroups()) {
            if (group.allowsPublicRepositories() == null || !group.allowsPublicRepositories().value()) {
                continue;
            }
            RunnerGroupFindings.report(findings, group, group.allowsPublicRepositories().location(), "Runner group "
                    + RunnerGroupFindings.name(group) + " of " + owner(context.settings()) + " lets public "
                    + "repositories use its self-hosted runners (allows_public_repositories: true): a workflow an "
                    + "outsider's pull request, issue or comment starts runs on the organisation's machines, inside its "
                    + "network, among what earlier jobs left behind");
        }
    }
}
