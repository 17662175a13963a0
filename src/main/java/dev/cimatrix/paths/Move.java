package dev.cimatrix.paths;

import dev.cimatrix.model.Location;

import java.util.Objects;

/**
 * An edge of the attack graph: one attacker move from one node to the next.
 *
 * @param cell       the matrix cell of the move, such as {@code EXEC/CICD-T016}
 * @param because    why the move is possible, in one sentence
 * @param evidence   what establishes it: {@code finding:<check-id>}, {@code declared} (the threat-model file),
 *                   {@code terraform} or {@code workflow} (read from the scanned files)
 * @param location   where that evidence is written, or null when nothing in a file shows it
 * @param likelihood how likely the attacker succeeds at this move, in (0, 1]
 */
public record Move(String from, String to, String cell, String because, String evidence, Location location,
                   double likelihood) {
    public Move {
        if (!(likelihood > 0 && likelihood <= 1)) {
            throw new IllegalArgumentException("likelihood must be in (0, 1]: " + likelihood);
        }
    }

    /*
     * Written out, with the record's own formula: the graph hashes every move it takes, and the generated
     * methods run through method handles that a short run's JIT does not compile into plain code.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Move m && Objects.equals(from, m.from) && Objects.equals(to, m.to)
                && Objects.equals(cell, m.cell) && Objects.equals(because, m.because)
                && Objects.equals(evidence, m.evidence) && Objects.equals(location, m.location)
                && Double.compare(likelihood, m.likelihood) == 0;
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(from);
        h = 31 * h + Objects.hashCode(to);
        h = 31 * h + Objects.hashCode(cell);
        h = 31 * h + Objects.hashCode(because);
        h = 31 * h + Objects.hashCode(evidence);
        h = 31 * h + Objects.hashCode(location);
        return 31 * h + Double.hashCode(likelihood);
    }

    public String tactic() {
        return cell.substring(0, cell.indexOf('/'));
    }

    public String technique() {
        return cell.substring(cell.indexOf('/') + 1);
    }
}
