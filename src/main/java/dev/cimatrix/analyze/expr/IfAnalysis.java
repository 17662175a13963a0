package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.Expr;

import java.util.List;

/**
 * What {@link IfConditions#analyze} found in one {@code if:}: whether it can hold, why, and the weak gates
 * in it. Offsets of the reported nodes are within the expression source that starts at
 * {@code sourceOffset} in the raw {@code if:} value.
 */
public record IfAnalysis(Truth truth, String reason, List<SpoofableActorCheck> spoofableActorChecks,
                         List<UnsoundContains> unsoundContains) {
    public IfAnalysis {
        spoofableActorChecks = List.copyOf(spoofableActorChecks);
        unsoundContains = List.copyOf(unsoundContains);
    }

    /**
     * A comparison of an actor name with a bot account ({@code github.actor == 'dependabot[bot]'}). The
     * actor is whoever caused the run, not who wrote the code it runs, so such a gate can be passed by
     * code from someone else (class C03).
     */
    public record SpoofableActorCheck(Expr check, String actorPath, String botName, String why, int sourceOffset) {
    }

    /**
     * {@code contains('refs/heads/main refs/heads/release', github.ref)}: a literal string searched for a
     * context value. Every substring of the literal passes, so a ref named {@code refs/heads/ma} does too
     * (class C04). An array, as in {@code contains(fromJSON('[...]'), x)}, compares whole elements and is
     * not reported.
     */
    public record UnsoundContains(Call call, String haystack, String needlePath, int sourceOffset) {
    }
}
