package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Function;

/**
 * An ATT&CK Navigator layer (format 4.5) over the catalog's STIX domain ({@link StixBundle}). Each cell is
 * one technique entry under its tactic; its score and comment come from the caller, so the same writer
 * serves the catalog (score = number of controls) and coverage reports.
 */
public final class NavigatorLayer {
    public static final String LAYER_VERSION = "4.5";
    public static final String NAVIGATOR_VERSION = "5.1.0";

    /** What a layer shows for one cell. A null score leaves the cell unscored. */
    public record CellScore(Double score, String comment, String color) {
    }

    private final Catalog catalog;

    public NavigatorLayer(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog layer: each cell scored by the number of controls that counter its technique. */
    public String renderCatalog(String customDataUrl) {
        return Json.pretty(layer("CI/CD threat matrix: controls per technique",
                "Each cell is scored by the number of catalog controls (preventive and detective) for its technique.",
                customDataUrl, cell -> {
                    List<Control> controls = catalog.controlsFor(cell.technique().id());
                    long preventive = controls.stream().filter(c -> c.kind() == ControlKind.PREVENTIVE).count();
                    return new CellScore((double) controls.size(),
                            preventive + " preventive, " + (controls.size() - preventive) + " detective controls", null);
                }, 0, 12));
    }

    public ObjectNode layer(String name, String description, String customDataUrl,
                            Function<Cell, CellScore> scores, double min, double max) {
        ObjectNode layer = Json.object();
        layer.put("name", name);
        layer.putObject("versions").put("navigator", NAVIGATOR_VERSION).put("layer", LAYER_VERSION);
        layer.put("domain", StixBundle.DOMAIN);
        layer.put("description", description);
        if (customDataUrl != null) {
            layer.put("customDataURL", customDataUrl);
        }
        layer.putObject("layout").put("layout", "side").put("showID", true).put("showName", true);
        layer.put("hideDisabled", false);
        ArrayNode techniques = layer.putArray("techniques");
        for (Cell cell : catalog.cells()) {
            CellScore s = scores.apply(cell);
            ObjectNode t = techniques.addObject();
            t.put("techniqueID", cell.technique().id());
            t.put("tactic", cell.tactic().shortName());
            if (s.score() != null) {
                t.put("score", s.score());
            }
            if (s.color() != null) {
                t.put("color", s.color());
            }
            t.put("comment", s.comment());
            t.put("enabled", true);
            t.putArray("metadata").addObject().put("name", "cell").put("value", cell.id());
        }
        layer.putObject("gradient")
                .put("minValue", min)
                .put("maxValue", max)
                .set("colors", Json.array().add("#ff6666").add("#ffe766").add("#8ec843"));
        layer.putArray("legendItems");
        layer.put("showTacticRowBackground", false);
        layer.put("selectTechniquesAcrossTactics", true);
        return layer;
    }
}
