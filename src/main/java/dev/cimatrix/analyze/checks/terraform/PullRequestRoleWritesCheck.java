package dev.cimatrix.analyze.checks.terraform;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CloudRoleContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.CloudRole.SubjectScope;

import java.util.Optional;

/**
 * A cloud role that GitHub Actions runs for pull requests can assume, with a policy that writes: an AWS managed one
 * ({@code AdministratorAccess}, {@code PowerUserAccess}, a {@code …FullAccess}) or an inline one that allows more than
 * reading. Whatever a pull request makes its run execute (its tests, its build, its infrastructure plan) can then
 * change the account: the role of pull-request runs should only read. One finding per such policy, where it is given.
 */
public final class PullRequestRoleWritesCheck implements Check {
    public static final String ID = "tf-pull-request-role-writes";

    private static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";

    @Override
    public String id() {
        return ID;
    }

    /**
     * A module whose roles no pull-request run can assume says nothing of those that can, nor does one whose roles for
     * pull requests hold policies that are not read: the account's own managed policies, computed inline ones.
     */
    @Override
    public boolean verifiesOnlyWhatItMeets() {
        return true;
    }

    @Override
    public void cloudRole(CloudRoleContext context, FindingSink findings) {
        CloudRole role = context.role();
        Optional<CloudRole.OidcTrust> pullRequests = role.trusts().stream()
                .filter(t -> t.issuer().equals(GITHUB_ISSUER) && admitsPullRequests(t)).findFirst();
        if (pullRequests.isEmpty()) {
            return;
        }
        // Judged in full only when what every policy allows is known.
        if (role.permissionsKnown()) {
            findings.met();
        }
        CloudRole.OidcTrust trust = pullRequests.get();
        boolean named = names(trust);
        String who = named ? "pull-request runs (the sub condition " + String.join(", ", trust.subjects()) + ")"
                : trust.subjects().isEmpty() ? "any run, pull-request runs included (no sub condition)"
                : "any run its sub condition " + String.join(", ", trust.subjects()) + " admits, pull-request runs "
                + "included";
        for (CloudRole.AttachedPolicy policy : role.policies()) {
            if (!policy.writes()) {
                continue;
            }
            String what = policy.actions() != null ? "the " + policy.label() + ", which writes"
                    : "the AWS managed policy " + policy.label() + " attached";
            var finding = findings.at(policy.location())
                    .message("role " + role.name() + " (" + role.address() + ") can be assumed by " + who + ", and has "
                            + what + ": whatever a pull request makes its run execute "
                            + "(its tests, its build, its infrastructure plan) can change the account with it; give "
                            + "pull-request runs a role that can only read")
                    .related(trust.location(), "who may assume the role")
                    .related(role.location(), "the role")
                    .subject(role.address() + ":" + policy.arn())
                    .property("policy", policy.arn());
            if (!named) {
                // A wildcard admits pull-request runs, but the role may be meant for the branch runs it also admits.
                finding.confidence(Confidence.MEDIUM);
            }
            finding.report();
        }
    }

    /** Whether a trust lets a pull-request run's token in: it names one, or its subject is a wildcard over refs. */
    private static boolean admitsPullRequests(CloudRole.OidcTrust trust) {
        return names(trust) || trust.scope() == SubjectScope.REPOSITORY || trust.scope() == SubjectScope.ORGANISATION
                || trust.scope() == SubjectScope.ANY;
    }

    /** Whether a subject names pull-request runs ({@code repo:acme/app:pull_request}). */
    private static boolean names(CloudRole.OidcTrust trust) {
        return trust.subjects().stream().anyMatch(s -> s.endsWith(":pull_request"));
    }
}
