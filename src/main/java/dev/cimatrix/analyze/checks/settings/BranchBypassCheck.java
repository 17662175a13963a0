package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.DefaultBranchRules;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.BranchProtection;
import dev.cimatrix.model.GithubSettings.BypassActor;
import dev.cimatrix.model.GithubSettings.Ruleset;

/**
 * Someone may push past the default branch's rules: its branch protection does not bind administrators
 * ({@code enforce_admins} off), or an active ruleset that takes it in lets an actor bypass it always, not only by
 * merging a pull request. A stolen administrator's or app's credential then changes the branch unreviewed.
 */
public final class BranchBypassCheck extends SettingsCheck {
    public static final String ID = "github-branch-bypass";

    public BranchBypassCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        DefaultBranchRules rules = DefaultBranchRules.of(context);
        BranchProtection protection = rules.protection();
        boolean classic = protection != null && protection.isProtected();
        if (!classic && rules.activeRulesets().isEmpty()) {
            return;
        }
        if (!rules.partlyUnread()) {
            findings.met();
        }
        if (classic && (protection.enforceAdmins() == null || !protection.enforceAdmins().value())) {
            findings.at(protection.enforceAdmins() != null ? protection.enforceAdmins().location() : protection.protection())
                    .message("Branch protection of " + rules.described() + " does not bind administrators "
                            + "(enforce_admins is off): an administrator, or whoever holds an administrator's token, "
                            + "can push to it past every rule.")
                    .severity(Severity.LOW).subject("enforce_admins " + rules.branch()).report();
        }
        for (Ruleset ruleset : rules.activeRulesets()) {
            for (BypassActor actor : ruleset.bypassActors()) {
                if (actor.mode().equals("pull_request")) {
                    continue;
                }
                findings.at(actor.location())
                        .message("Ruleset '" + ruleset.name().value() + "' of " + rules.described() + " lets "
                                + actor(actor) + " bypass it always, not only through a pull request: a push by it, or "
                                + "with its credential, skips the ruleset's rules.")
                        .subject("bypass " + ruleset.name().value() + " " + actor.actorType() + " " + actor.actorId())
                        .report();
            }
        }
    }

    private static String actor(BypassActor actor) {
        String type = switch (actor.actorType()) {
            case "OrganizationAdmin" -> "organisation administrators";
            case "RepositoryRole" -> "repository role " + actor.actorId();
            case "Team" -> "team " + actor.actorId();
            case "Integration" -> "GitHub App " + actor.actorId();
            case "DeployKey" -> "deploy keys";
            default -> (actor.actorType().isEmpty() ? "an actor" : actor.actorType()) + " " + actor.actorId();
        };
        return type.strip();
    }
}
