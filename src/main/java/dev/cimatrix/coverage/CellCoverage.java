package dev.cimatrix.coverage;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Cell;

import java.util.List;

/**
 * The coverage of one matrix cell.
 *
 * @param reasons    why the cell got its status, most important first
 * @param findings   the findings whose cells include this one, in report order
 * @param detections keys of the enabled rules whose cells include this one, whatever control they implement
 */
public record CellCoverage(Cell cell, CellStatus status, List<String> reasons, List<PreventiveControl> preventive,
                           List<DetectiveControl> detective, List<Finding> findings, List<String> detections) {
    public CellCoverage {
        reasons = List.copyOf(reasons);
        preventive = List.copyOf(preventive);
        detective = List.copyOf(detective);
        findings = List.copyOf(findings);
        detections = List.copyOf(detections);
    }

    public String id() {
        return cell.id();
    }
}
