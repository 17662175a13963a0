package dev.cimatrix.analyze.checks.terraform;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CloudRoleContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.CloudRole.SubjectScope;

/**
 * A cloud role that trusts a CI platform's OIDC tokens without pinning who may present them: with no
 * {@code sub} condition any repository on GitHub (or project on GitLab.com) can assume it, and with a
 * wildcard over the repository name any repository of the organisation can, including a fork-friendly
 * sandbox or a newly created one. One finding per trust statement, at its subject condition (or at the
 * role when there is none).
 */
public final class OidcBroadTrustCheck implements Check {
    public static final String ID = "tf-oidc-broad-trust";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void cloudRole(CloudRoleContext context, FindingSink findings) {
        CloudRole role = context.role();
        for (CloudRole.OidcTrust trust : role.trusts()) {
            if (trust.scope() != SubjectScope.ANY && trust.scope() != SubjectScope.ORGANISATION) {
                continue;
            }
            boolean any = trust.scope() == SubjectScope.ANY;
            String who = any ? "any repository of any owner" : "any repository of the organisation";
            String condition = trust.subjects().isEmpty() ? "no condition on the token's sub claim"
                    : "the sub condition " + String.join(", ", trust.subjects());
            findings.at(trust.location())
                    .message("role " + role.name() + " (" + role.address() + ") trusts OIDC tokens of " + trust.issuer()
                            + " with " + condition + ", so a workflow in " + who + " can assume it")
                    .severity(any ? Severity.CRITICAL : Severity.HIGH)
                    .related(role.location(), "the role")
                    .subject(role.address() + ":" + trust.issuer())
                    .property("scope", trust.scope().label())
                    .property("issuer", trust.issuer())
                    .report();
        }
    }
}
