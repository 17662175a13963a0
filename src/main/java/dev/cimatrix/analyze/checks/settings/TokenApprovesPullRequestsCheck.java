package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.ActionsSettings;

/**
 * Workflows may approve pull requests with their {@code GITHUB_TOKEN} ({@code can_approve_pull_request_reviews}): code
 * that runs in a workflow, a compromised action or an injected command, can then open a pull request and approve
 * it, meeting a required review with no person involved.
 */
public final class TokenApprovesPullRequestsCheck extends SettingsCheck {
    public static final String ID = "github-token-approves-prs";

    public TokenApprovesPullRequestsCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        ActionsSettings actions = context.settings().actions();
        if (actions == null || actions.canApprovePullRequestReviews() == null) {
            return;
        }
        findings.met();
        if (actions.canApprovePullRequestReviews().value()) {
            findings.at(actions.canApprovePullRequestReviews().location())
                    .message("Workflows may create and approve pull requests with GITHUB_TOKEN "
                            + "(can_approve_pull_request_reviews: true): code running in any workflow can approve its "
                            + "own pull request and meet a required review with no person involved.")
                    .subject("token approves").report();
        }
    }
}
