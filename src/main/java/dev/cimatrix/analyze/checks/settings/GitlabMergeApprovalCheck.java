package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.ApprovalRule;

/**
 * Merge requests into a GitLab project's default branch need nobody else's approval: no approval rule that covers the
 * branch requires one and {@code approvals_before_merge} is 0, or authors may approve their own merge requests
 * ({@code merge_requests_author_approval: true}).
 */
public final class GitlabMergeApprovalCheck extends SettingsCheck {
    public static final String ID = "gitlab-mr-approval";

    public GitlabMergeApprovalCheck() {
        super(ID);
    }

    @Override
    public void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
        GitlabSettings settings = context.settings();
        if (settings.approvals() == null || settings.approvalRules() == null
                || settings.unknown().containsKey("approvals") || settings.unknown().containsKey("approval_rules")) {
            return;
        }
        findings.met();
        GitlabDefaultBranch branch = GitlabDefaultBranch.of(context);
        boolean required = settings.approvals().approvalsBeforeMerge() > 0 || settings.approvalRules().stream()
                .anyMatch(rule -> rule.approvalsRequired() > 0 && covers(rule, branch));
        if (!required) {
            findings.at(settings.approvals().location())
                    .message("Merge requests into the default branch '" + branch.name() + "' need no approval: no "
                            + "approval rule that covers it requires one, so whoever may merge merges unreviewed code.")
                    .subject("no approval " + branch.name()).report();
        } else if (settings.approvals().authorApproval() != null && settings.approvals().authorApproval().value()) {
            findings.at(settings.approvals().authorApproval().location())
                    .message("Authors may approve their own merge requests (merge_requests_author_approval: true): a "
                            + "required approval can come from the one who wrote the change.")
                    .subject("author approves").report();
        }
    }

    private static boolean covers(ApprovalRule rule, GitlabDefaultBranch branch) {
        if (rule.allProtected()) {
            return branch.protection().isPresent();
        }
        return rule.branches().isEmpty() || rule.branches().contains(branch.name())
                || branch.protection().map(p -> rule.branches().contains(p.name().value())).orElse(false);
    }
}
