package dev.cimatrix.paths;

import java.util.ArrayList;
import java.util.List;

/**
 * One way from an entry point to an asset.
 *
 * @param id         {@code P1}, {@code P2}, … in rank order
 * @param score      likelihood × impact on a 0–10 scale, rounded to two decimals; paths are ranked by it
 * @param likelihood the product of the moves' likelihoods
 * @param impact     the asset's impact weight (see {@link Criticality})
 * @param steps      the moves, first from {@code entry}, last into {@code asset}
 */
public record AttackPath(String id, double score, double likelihood, double impact, Node entry, Node asset,
                         List<Move> steps) {
    public AttackPath {
        steps = List.copyOf(steps);
    }

    /** The node ids along the path, entry first. */
    public List<String> nodeIds() {
        List<String> ids = new ArrayList<>(steps.size() + 1);
        ids.add(entry.id());
        steps.forEach(m -> ids.add(m.to()));
        return ids;
    }

    /** The cells of the steps in order, for example {@code [RECON/CICD-T002, INIT/CICD-T004, …]}. */
    public List<String> cells() {
        return steps.stream().map(Move::cell).toList();
    }
}
