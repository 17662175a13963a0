package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.analyze.github.RepositoryIdentity;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.model.ActionRef;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Actions and reusable workflows from owners that are neither Marketplace verified creators nor known
 * publishers of their own product's actions ({@code analyze/known-action-publishers.yaml}), nor listed by the
 * user as trusted. Not a flaw by itself: an inventory of whose code runs in the pipeline.
 */
public final class UnverifiedCreatorCheck implements Check {
    public static final String ID = "gha-unverified-creator";
    private static final Set<String> PUBLISHERS = Set.copyOf(DataResource.load("known-action-publishers.yaml").names("publishers"));

    private final Set<String> trustedOwners = new HashSet<>(PUBLISHERS);

    public UnverifiedCreatorCheck(ScanConfig config) {
        config.listOption(ID, "trusted-owners").forEach(o -> trustedOwners.add(o.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        if (uses.kind() != ActionRef.Kind.REPOSITORY || uses.owner().isEmpty() || uses.owner().contains("${{")) {
            return;
        }
        String owner = uses.owner().toLowerCase(Locale.ROOT);
        // The repository's own owner publishes what its workflows use of it, and of its other repositories.
        if (trustedOwners.contains(owner)
                || RepositoryIdentity.isThisOwner(context.inventory(), context.derived(), context.path(), owner)) {
            return;
        }
        String what = uses.isReusableWorkflow() ? "reusable workflow" : "action";
        findings.at(uses.location())
                .message(what + " " + uses.nameWithPath() + " is published by '" + uses.owner()
                        + "', which is not a verified creator or a known publisher: its code runs with this job's access,"
                        + " so review it, pin it by SHA, or list the owner under trusted-owners")
                .subject(owner)
                .report();
    }
}
