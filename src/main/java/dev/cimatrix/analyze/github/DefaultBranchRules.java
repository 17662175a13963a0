package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.GlobPattern;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.BranchProtection;
import dev.cimatrix.model.GithubSettings.Reviews;
import dev.cimatrix.model.GithubSettings.Ruleset;
import dev.cimatrix.model.GithubSettings.RulesetRule;
import dev.cimatrix.model.Location;

import java.util.ArrayList;
import java.util.List;

/**
 * What a settings file says governs a repository's default branch: the branch protection entry that applies to it
 * and the rulesets whose conditions take it in. A file that names neither says nothing about the branch, and the
 * checks of branch rules then verify nothing ({@link #stated()}).
 *
 * @param branch     the default branch's name: {@code repository.default_branch}, or else a listed {@code main} or
 *                   {@code master}, or else {@code main}
 * @param assumed    whether the file does not say which branch is the default
 * @param protection the branch protection entry that applies (its own name before a pattern); null when none does
 * @param rulesets   the rulesets that take the branch in, active or not
 * @param partlyUnread whether a snapshot could not read the branch protection or the rulesets, so that a rule it does
 *                   not show may still be there
 */
public record DefaultBranchRules(String branch, boolean assumed, BranchProtection protection, List<Ruleset> rulesets,
                                 boolean partlyUnread) {
    public DefaultBranchRules {
        rulesets = List.copyOf(rulesets);
    }

    /** The rules of the settings file a check is handed, worked out once for all the checks of the file. */
    public static DefaultBranchRules of(GithubSettingsContext context) {
        return context.derived().get(List.of(DefaultBranchRules.class, context.settings().path()),
                () -> of(context.settings()));
    }

    public static DefaultBranchRules of(GithubSettings settings) {
        String branch;
        boolean assumed = settings.defaultBranch() == null;
        if (!assumed) {
            branch = settings.defaultBranch().value().strip();
        } else {
            branch = settings.branches().stream().map(b -> b.name().value())
                    .filter(n -> n.equals("main") || n.equals("master")).findFirst().orElse("main");
        }
        BranchProtection exact = settings.branches().stream().filter(b -> b.protection() != null)
                .filter(b -> b.name().value().equals(branch)).findFirst().orElse(null);
        BranchProtection protection = exact != null ? exact : settings.branches().stream()
                .filter(b -> b.protection() != null && matches(b.name().value(), branch)).findFirst().orElse(null);
        List<Ruleset> rulesets = settings.rulesets().stream().filter(r -> takesIn(r, branch)).toList();
        return new DefaultBranchRules(branch, assumed, protection, rulesets,
                settings.unread("branches") || settings.unread("rulesets"));
    }

    /** Whether the file states any rule for the branch. */
    public boolean stated() {
        return protection != null || !rulesets.isEmpty();
    }

    /** The branch as a message names it. */
    public String described() {
        return "the default branch '" + branch + "'" + (assumed ? " (assumed: the file does not set "
                + "repository.default_branch)" : "");
    }

    public List<Ruleset> activeRulesets() {
        return rulesets.stream().filter(Ruleset::active).toList();
    }

    /** The approving reviews that protection and active rulesets require before a change lands; empty for none. */
    public List<Reviews> requiredReviews() {
        List<Reviews> all = new ArrayList<>();
        if (protection != null && protection.isProtected() && approves(protection.reviews())) {
            all.add(protection.reviews());
        }
        activeRulesets().stream().flatMap(r -> r.rule("pull_request").stream()).map(RulesetRule::reviews)
                .filter(DefaultBranchRules::approves).forEach(all::add);
        return all;
    }

    /** Whether an active ruleset has a rule of the type (such as {@code non_fast_forward}). */
    public boolean rulesetRule(String type) {
        return activeRulesets().stream().anyMatch(r -> r.rule(type).isPresent());
    }

    /** Where a finding about the branch's rules as a whole belongs: its protection key, or its first ruleset. */
    public Location where(GithubSettings settings) {
        if (protection != null) {
            return protection.protection();
        }
        return rulesets.isEmpty() ? settings.location() : rulesets.get(0).location();
    }

    private static boolean approves(Reviews reviews) {
        // An unstated count is given the benefit of the doubt: GitHub's own form starts at one approval.
        return reviews != null && reviews.approvals() != 0;
    }

    /** Whether a ruleset's {@code ref_name} condition takes the default branch in. */
    private static boolean takesIn(Ruleset ruleset, String branch) {
        return ruleset.include().stream().anyMatch(p -> names(p, branch))
                && ruleset.exclude().stream().noneMatch(p -> names(p, branch));
    }

    private static boolean names(String condition, String branch) {
        if (condition.equals("~DEFAULT_BRANCH") || condition.equals("~ALL")) {
            return true;
        }
        String pattern = condition.startsWith("refs/heads/") ? condition.substring("refs/heads/".length()) : condition;
        return matches(pattern, branch);
    }

    /** Branch name patterns are fnmatch patterns, as GitHub reads them; a pattern that cannot be read matches nothing. */
    private static boolean matches(String pattern, String branch) {
        if (pattern.equals(branch)) {
            return true;
        }
        try {
            return GlobPattern.githubFilter(pattern).matches(branch);
        } catch (GlobPattern.SyntaxException e) {
            return false;
        }
    }
}
