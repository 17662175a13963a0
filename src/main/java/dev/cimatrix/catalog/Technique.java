package dev.cimatrix.catalog;

import java.util.List;

/**
 * A distinct attacker behaviour. It belongs to one or more tactics; each (tactic, technique) pair is a
 * {@link Cell}. Controls are not listed here: a control names the techniques it counters, and
 * {@link Catalog#controlsFor(String)} gives the reverse view, so the link is stated once.
 *
 * @param extensionSource null for the techniques of MATRIX.md; for extensions (CICD-T101 upward), the
 *                        matrix or list they come from
 */
public record Technique(String id, String name, List<String> tactics, String description, String example,
                        List<String> attack, String attackNote, List<String> owasp, String suezawa,
                        String microsoft, List<Incident> incidents, List<Reference> references,
                        String extensionSource) {
    public Technique {
        tactics = List.copyOf(tactics);
        attack = List.copyOf(attack);
        owasp = List.copyOf(owasp);
        incidents = List.copyOf(incidents);
        references = List.copyOf(references);
    }

    public boolean isExtension() {
        return extensionSource != null;
    }
}
