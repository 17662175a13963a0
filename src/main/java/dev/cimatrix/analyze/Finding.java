package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A weakness found by a check: one primary location, related locations that explain it, the matrix cells
 * it enables, and a fingerprint that survives edits elsewhere in the file (it holds no line numbers).
 *
 * @param subject     what the finding is about, normalised (an action name, a context path); part of the fingerprint
 * @param properties  check-specific facts for machine readers (tainted sources, trigger names), sorted by key
 */
public record Finding(String checkId, String title, String message, Severity severity, Confidence confidence,
                      Location location, List<RelatedLocation> related, List<String> cells, String subject,
                      String fingerprint, Map<String, String> properties) {
    public Finding {
        related = List.copyOf(related);
        cells = List.copyOf(cells);
        properties = Map.copyOf(properties);
    }

    public List<String> techniques() {
        return cellParts(true);
    }

    public List<String> tactics() {
        return cellParts(false);
    }

    /** The techniques or tactics of the cells, each once, in cell order; a loop, as every report asks for each finding. */
    private List<String> cellParts(boolean technique) {
        List<String> parts = new ArrayList<>(cells.size());
        for (String cell : cells) {
            int slash = cell.indexOf('/');
            String part = technique ? cell.substring(slash + 1) : cell.substring(0, slash);
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        return Collections.unmodifiableList(parts);
    }

    /** This finding with one more related location after its own. */
    public Finding withRelated(RelatedLocation more) {
        List<RelatedLocation> all = new ArrayList<>(related.size() + 1);
        all.addAll(related);
        all.add(more);
        return new Finding(checkId, title, message, severity, confidence, location, all, cells, subject, fingerprint,
                properties);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(checkId, title, message, newSeverity, confidence, location, related, cells, subject,
                fingerprint, properties);
    }
}
