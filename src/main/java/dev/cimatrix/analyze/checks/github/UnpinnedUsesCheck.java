package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.analyze.github.RepositoryIdentity;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Actions and reusable workflows referenced by a tag or branch instead of a full commit SHA: whoever can
 * move that ref (the action's maintainers, or anyone who compromises them) decides what runs, as in the
 * tj-actions/changed-files compromise of 2025. Owners the user trusts are skipped.
 */
public final class UnpinnedUsesCheck implements Check {
    public static final String ID = "gha-unpinned-uses";
    private final Set<String> trustedOwners = new HashSet<>();

    public UnpinnedUsesCheck(ScanConfig config) {
        config.listOption(ID, "trusted-owners").forEach(o -> trustedOwners.add(o.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        if (uses.kind() != ActionRef.Kind.REPOSITORY || uses.isPinned()) {
            return;
        }
        String owner = uses.owner().toLowerCase(Locale.ROOT);
        if (trustedOwners.contains(owner)) {
            return;
        }
        String what = uses.isReusableWorkflow() ? "reusable workflow" : "action";
        String message = switch (uses.refKind()) {
            case NONE -> what + " " + uses.nameWithPath() + " has no ref at all: it runs whatever the default branch holds";
            case BRANCH -> what + " " + uses.nameWithPath() + " is pinned to branch '" + uses.ref()
                    + "', which moves with every push; pin a full commit SHA";
            default -> what + " " + uses.nameWithPath() + " is pinned to tag '" + uses.ref()
                    + "', which its maintainers (or an attacker with their access) can move; pin a full commit SHA";
        };
        var finding = findings.at(uses.location()).message(message).subject(uses.nameWithPath());
        if (uses.ref().contains("${{")) {
            finding.confidence(Confidence.LOW);
        }
        if (RepositoryIdentity.isThisRepository(context.inventory(), context.derived(), context.path(),
                uses.owner() + "/" + uses.repo())) {
            // Whoever can move a ref of this repository can change the workflow that names it as well.
            finding.severity(Severity.LOW).clause("it is this repository's own, whose refs only those who can change "
                    + "this workflow move; a SHA still keeps a release branch on the code it was tested with");
        }
        finding.property("ref", uses.ref()).property("refKind", uses.refKind().name().toLowerCase(Locale.ROOT)).report();
    }

}
