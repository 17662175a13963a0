package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.DefaultBranchRules;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.BranchProtection;

/**
 * The default branch takes changes that nobody else approved: the settings file protects it without required
 * reviews, turns its protection off, or governs it only by rulesets none of which (active) requires an approving
 * review. A file that states no rule for the branch says nothing, and the check then verifies nothing.
 */
public final class BranchReviewCheck extends SettingsCheck {
    public static final String ID = "github-branch-review";

    public BranchReviewCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        GithubSettings settings = context.settings();
        DefaultBranchRules rules = DefaultBranchRules.of(context);
        if (!rules.stated()) {
            return;
        }
        if (!rules.requiredReviews().isEmpty()) {
            findings.met();
            return;
        }
        if (rules.partlyUnread()) {
            // What the snapshot could not read may require the review.
            return;
        }
        findings.met();
        BranchProtection protection = rules.protection();
        String why;
        if (protection != null && !protection.isProtected()) {
            why = "its branch protection is turned off";
        } else if (protection != null && protection.reviews() != null) {
            why = "its branch protection requires 0 approving reviews";
        } else if (protection != null) {
            why = "its branch protection requires no pull request review";
        } else {
            why = "it is governed by rulesets only";
        }
        long inactive = rules.rulesets().stream().filter(r -> !r.active()).count();
        String rulesets = rules.activeRulesets().isEmpty() ? (inactive > 0 ? " and its rulesets are not enforced" : "")
                : " and no active ruleset requires an approving review";
        var finding = findings.at(protection != null && protection.reviews() != null && protection.isProtected()
                        ? protection.reviews().location() : rules.where(settings))
                .message(capitalised(rules.described()) + " takes changes nobody else approved: " + why + rulesets
                        + ". Anyone with write access, or a workflow token that can write, can put code on it directly.")
                .subject("review " + rules.branch());
        rules.rulesets().forEach(r -> finding.related(r.location(), "ruleset '" + r.name().value() + "' ("
                + r.enforcement() + ") takes the branch in"));
        finding.report();
    }

    static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
