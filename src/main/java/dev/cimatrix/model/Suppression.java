package dev.cimatrix.model;

import java.util.List;

/**
 * An inline {@code # cimatrix: ignore[check-a,check-b] reason} comment. It silences the named checks (all
 * checks when none is named) for findings whose span covers its line.
 */
public record Suppression(String path, int line, List<String> checkIds, String reason) {
    public Suppression {
        checkIds = List.copyOf(checkIds);
    }
}
