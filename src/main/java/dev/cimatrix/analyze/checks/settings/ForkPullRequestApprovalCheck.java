package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Scalar;

/**
 * A public repository runs the workflows of some outside contributors' pull requests without anyone approving the
 * run: GitHub's default asks only first-time contributors, and the weakest setting only those new to GitHub. One
 * merged typo fix makes an attacker a contributor whose next pull request runs at once, on whatever runners and
 * with whatever the {@code pull_request} workflows hold.
 */
public final class ForkPullRequestApprovalCheck extends SettingsCheck {
    public static final String ID = "github-fork-pr-approval";

    public ForkPullRequestApprovalCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        GithubSettings settings = context.settings();
        Scalar policy = settings.actions() == null ? null : settings.actions().forkPrApproval();
        if (policy == null || settings.visibility() == null) {
            return;
        }
        findings.met();
        // Outsiders cannot open pull requests on a private or internal repository.
        if (!settings.visibility().value().strip().equals("public")) {
            return;
        }
        switch (policy.value().strip()) {
            case "first_time_contributors_new_to_github" -> findings.at(policy.location())
                    .message("Pull requests from outside contributors run their workflows without approval unless the "
                            + "author's GitHub account is new (fork_pr_approval_policy: "
                            + "first_time_contributors_new_to_github): any established account's first pull request runs "
                            + "at once.")
                    .severity(Severity.MEDIUM).subject("fork approval new to github").report();
            case "first_time_contributors" -> findings.at(policy.location())
                    .message("Pull requests from outside contributors run their workflows without approval once the "
                            + "author has had one contribution merged (fork_pr_approval_policy: first_time_contributors): "
                            + "a merged typo fix is enough.")
                    .subject("fork approval first time").report();
            default -> {
            }
        }
    }
}
