package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.DefaultBranchRules;
import dev.cimatrix.model.SettingFlag;
import dev.cimatrix.model.GithubSettings.Reviews;

import java.util.List;

/**
 * An approval survives the commits pushed after it: the default branch requires reviews, but none of its review
 * requirements dismisses stale approvals or asks for approval of the most recent push. The author of an approved pull
 * request can then add any commit and merge it unreviewed.
 */
public final class StaleApprovalCheck extends SettingsCheck {
    public static final String ID = "github-stale-approval";

    public StaleApprovalCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        DefaultBranchRules rules = DefaultBranchRules.of(context);
        List<Reviews> reviews = rules.requiredReviews();
        if (reviews.isEmpty()) {
            return;
        }
        if (reviews.stream().anyMatch(r -> set(r.dismissStale()) || set(r.lastPush()))) {
            findings.met();
            return;
        }
        if (rules.partlyUnread()) {
            // A requirement the snapshot could not read may dismiss stale approvals.
            return;
        }
        findings.met();
        findings.at(reviews.get(0).location())
                .message("Reviews of " + rules.described() + " are kept when new commits are pushed: neither "
                        + "stale approvals are dismissed nor the most recent push must be approved, so a pull request "
                        + "can be changed after its approval and merged unreviewed.")
                .subject("stale " + rules.branch()).report();
    }

    private static boolean set(SettingFlag flag) {
        return flag != null && flag.value();
    }
}
