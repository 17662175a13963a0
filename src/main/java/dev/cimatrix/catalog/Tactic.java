package dev.cimatrix.catalog;

import java.util.List;

/**
 * A column of the matrix.
 *
 * @param shortName the phase name used for kill-chain phases in STIX and Navigator output
 * @param attack    the nearest ATT&CK tactic ids
 */
public record Tactic(String id, String name, String shortName, List<String> attack, String attackNote,
                     String description) {
    public Tactic {
        attack = List.copyOf(attack);
    }
}
