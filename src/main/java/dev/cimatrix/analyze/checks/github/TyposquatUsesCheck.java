package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.model.ActionRef;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code uses:} owners one edit away from the owner of widely used actions ({@code acti0ns/checkout},
 * {@code dokcer/login-action}): a registered look-alike runs its own code wherever the typo is made.
 */
public final class TyposquatUsesCheck implements Check {
    public static final String ID = "gha-typosquat-uses";
    private static final int SHORTEST_COMPARED = 5;
    private static final DamerauLevenshteinDistance ONE_EDIT = new DamerauLevenshteinDistance(1);
    private static final List<String> POPULAR;
    private static final Set<String> LEGITIMATE;

    static {
        DataResource data = DataResource.load("popular-action-owners.yaml");
        POPULAR = data.names("owners");
        LEGITIMATE = Set.copyOf(data.names("legitimate"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        if (uses.kind() != ActionRef.Kind.REPOSITORY || uses.owner().contains("${{")) {
            return;
        }
        String owner = uses.owner().toLowerCase(Locale.ROOT);
        imitated(owner).ifPresent(popular -> findings.at(uses.location())
                .message("owner '" + uses.owner() + "' of " + uses.nameWithPath() + " is one edit away from '" + popular
                        + "', the publisher of widely used actions: a look-alike account runs its own code here;"
                        + " check the spelling")
                .subject(owner + " ~ " + popular)
                .property("imitates", popular)
                .report());
    }

    /** The popular owner that {@code owner} is one edit away from, if any. */
    static Optional<String> imitated(String owner) {
        if (POPULAR.contains(owner) || LEGITIMATE.contains(owner)) {
            return Optional.empty();
        }
        return POPULAR.stream()
                .filter(p -> p.length() >= SHORTEST_COMPARED && oneEditApart(owner, p))
                .findFirst();
    }

    /** Exactly one edit apart: a letter added, dropped, changed, or two neighbours swapped. */
    static boolean oneEditApart(String a, String b) {
        // The distance is -1 beyond the threshold of one.
        return Math.abs(a.length() - b.length()) <= 1 && ONE_EDIT.apply(a, b) == 1;
    }
}
