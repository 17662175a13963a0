package dev.cimatrix.report.threat;

import dev.cimatrix.coverage.CellCoverage;
import dev.cimatrix.coverage.CellStatus;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Json;
import dev.cimatrix.report.matrix.NavigatorLayer.CellScore;
import dev.cimatrix.report.matrix.NavigatorLayer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The coverage as an ATT&CK Navigator layer over the catalog's STIX domain: each cell scored and coloured by its
 * status (gap 0, unknown 1, partial 2, covered 3), its reasons and finding count in the comment.
 */
final class CoverageLayer {
    /** Colours shared with the HTML report's heat map, so both read the same. */
    static final Map<CellStatus, String> COLORS = Map.of(
            CellStatus.COVERED, "#8ec843",
            CellStatus.PARTIAL, "#ffe766",
            CellStatus.GAP, "#ff6666",
            CellStatus.UNKNOWN, "#d9d9d9");

    private CoverageLayer() {
    }

    static String render(ThreatModel model) {
        NavigatorLayer navigator = new NavigatorLayer(model.scan().catalog());
        ObjectNode layer = navigator.layer("cimatrix coverage: " + String.join(", ", model.repositories()),
                "Coverage of each cell of the CI/CD threat matrix: covered (prevented and detected), partial, gap "
                        + "(an open weakness without detection, or controls declared absent) or unknown.",
                null, cell -> score(model.cell(cell.id())), 0, 3);
        ArrayNode legend = layer.putArray("legendItems");
        for (CellStatus status : CellStatus.values()) {
            legend.addObject().put("label", status.label()).put("color", COLORS.get(status));
        }
        return Json.pretty(layer);
    }

    private static CellScore score(CellCoverage cell) {
        int findings = cell.findings().size();
        String comment = cell.status().label() + ": " + String.join("; ", cell.reasons())
                + (findings == 0 ? "" : " (" + Counts.of(findings, "finding") + ")");
        return new CellScore((double) value(cell.status()), comment, COLORS.get(cell.status()));
    }

    private static int value(CellStatus status) {
        return switch (status) {
            case GAP -> 0;
            case UNKNOWN -> 1;
            case PARTIAL -> 2;
            case COVERED -> 3;
        };
    }
}
