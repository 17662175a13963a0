package dev.cimatrix.report.threat;

import dev.cimatrix.model.Location;
import dev.cimatrix.paths.AttackGraph;
import dev.cimatrix.paths.Node;

import java.util.List;

/**
 * An attack path as the report shows it: an entry point, the moves through the matrix, and the asset reached, each
 * node by its label. Only this much of the attack graph reaches the report writers.
 *
 * @param score how likely and damaging, higher first; only compared between paths of one report
 */
public record AttackPath(String id, double score, String entry, String asset, List<Step> steps) {
    public AttackPath {
        steps = List.copyOf(steps);
    }

    /** A ranked path of the attack graph, its node ids replaced by their labels. */
    public static AttackPath of(dev.cimatrix.paths.AttackPath path, AttackGraph graph) {
        List<Step> steps = path.steps().stream().map(m -> new Step(m.cell(), label(graph, m.from()), label(graph, m.to()),
                m.because(), m.location())).toList();
        return new AttackPath(path.id(), path.score(), path.entry().label(), path.asset().label(), steps);
    }

    private static String label(AttackGraph graph, String nodeId) {
        return graph.node(nodeId).map(Node::label).orElse(nodeId);
    }

    /**
     * One attacker move.
     *
     * @param cell     the matrix cell, such as {@code EXEC/CICD-T016}
     * @param because  the finding or declared fact that enables the move
     * @param location where that fact is written, or null for a declared fact without a file
     */
    public record Step(String cell, String from, String to, String because, Location location) {
    }
}
