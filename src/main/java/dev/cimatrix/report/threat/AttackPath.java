package dev.cimatrix.report.threat;

import dev.cimatrix.model.Location;

import java.util.List;

/**
 * An attack path as the report shows it: an entry point, the moves through the matrix, and the asset reached. The
 * attack graph produces these; the report needs nothing else of it.
 *
 * @param score how likely and damaging, higher first; only compared between paths of one report
 */
public record AttackPath(String id, double score, String entry, String asset, List<Step> steps) {
    public AttackPath {
        steps = List.copyOf(steps);
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
