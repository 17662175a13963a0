package dev.cimatrix.coverage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Coverage of every catalog cell, in the catalog's cell order (tactic columns, then technique ids). */
public record Coverage(List<CellCoverage> cells) {
    public Coverage {
        cells = List.copyOf(cells);
    }

    public Optional<CellCoverage> cell(String id) {
        return cells.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The cells of MATRIX.md, without extension techniques. */
    public List<CellCoverage> matrixCells() {
        return cells.stream().filter(c -> !c.cell().technique().isExtension()).toList();
    }

    public List<CellCoverage> extensionCells() {
        return cells.stream().filter(c -> c.cell().technique().isExtension()).toList();
    }

    /** How many cells of MATRIX.md have each status; every status is present, zero or not. */
    public Map<CellStatus, Integer> matrixCounts() {
        Map<CellStatus, Integer> counts = new EnumMap<>(CellStatus.class);
        for (CellStatus s : CellStatus.values()) {
            counts.put(s, 0);
        }
        matrixCells().forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        return counts;
    }
}
