package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;

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
        return cells.stream().map(c -> c.substring(c.indexOf('/') + 1)).distinct().toList();
    }

    public List<String> tactics() {
        return cells.stream().map(c -> c.substring(0, c.indexOf('/'))).distinct().toList();
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(checkId, title, message, newSeverity, confidence, location, related, cells, subject,
                fingerprint, properties);
    }
}
