package dev.cimatrix.paths;

import dev.cimatrix.model.Location;

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

    public String tactic() {
        return cell.substring(0, cell.indexOf('/'));
    }

    public String technique() {
        return cell.substring(cell.indexOf('/') + 1);
    }
}
