package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.DefaultBranchRules;
import dev.cimatrix.model.GithubSettings.BranchProtection;
import dev.cimatrix.model.SettingFlag;
import dev.cimatrix.model.Location;

/**
 * The default branch's history can be rewritten or the branch deleted: its protection allows force pushes or
 * deletion, or it has no protection and no active ruleset blocks either. Classic protection blocks both unless told
 * otherwise; a ruleset blocks them only with its {@code non_fast_forward} and {@code deletion} rules.
 */
public final class BranchForcePushCheck extends SettingsCheck {
    public static final String ID = "github-branch-force-push";

    public BranchForcePushCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        DefaultBranchRules rules = DefaultBranchRules.of(context);
        if (!rules.stated()) {
            return;
        }
        if (!rules.partlyUnread()) {
            findings.met();
        }
        BranchProtection protection = rules.protection();
        boolean protectedByClassic = protection != null && protection.isProtected();
        report(findings, rules, "force pushes", "rewrite its history", "non_fast_forward",
                protectedByClassic ? protection.allowForcePushes() : null, protectedByClassic,
                rules.where(context.settings()));
        report(findings, rules, "deletion", "delete it", "deletion",
                protectedByClassic ? protection.allowDeletions() : null, protectedByClassic,
                rules.where(context.settings()));
    }

    private static void report(FindingSink findings, DefaultBranchRules rules, String what, String effect,
                               String rulesetRule, SettingFlag allowed, boolean protectedByClassic, Location where) {
        if (rules.rulesetRule(rulesetRule)) {
            return;
        }
        if (allowed != null && allowed.value()) {
            findings.at(allowed.location())
                    .message("Branch protection of " + rules.described() + " allows " + what + ": anyone who can "
                            + "push to it can " + effect + ", taking reviewed commits away or slipping others in.")
                    .subject(rulesetRule + " " + rules.branch()).report();
        } else if (!protectedByClassic && !rules.partlyUnread()) {
            findings.at(where)
                    .message(BranchReviewCheck.capitalised(rules.described()) + " has no protection and no active "
                            + "ruleset with a '" + rulesetRule + "' rule, so " + what + " are allowed: anyone with "
                            + "write access can " + effect + ".")
                    .subject(rulesetRule + " " + rules.branch()).report();
        }
    }
}
