package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Json;
import dev.cimatrix.report.Printable;
import dev.cimatrix.report.TextColumns;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** The rules as {@code cimatrix rules} prints them: a table, JSON, one rule in full, or its Sigma text. */
public final class RuleListing {
    private final RuleCells cells;

    public RuleListing(RuleCells cells) {
        this.cells = cells;
    }

    public String table(List<Rule> rules) {
        StringBuilder out = new StringBuilder();
        int idWidth = Math.max(2, rules.stream().mapToInt(r -> r.key().length()).max().orElse(2));
        out.append(TextColumns.pad("ID", idWidth)).append("  LEVEL     SOURCE          CONTROL    CELLS / TITLE\n");
        for (Rule r : rules) {
            out.append(TextColumns.pad(r.key(), idWidth)).append("  ").append(TextColumns.pad(r.severity().label(), 8))
                    .append("  ").append(TextColumns.pad(source(r), 14)).append("  ")
                    .append(TextColumns.pad(r.control() == null ? "-" : r.control(), 9))
                    .append("  ").append(String.join(" ", cells.of(r))).append(cells.of(r).isEmpty() ? "" : "  ")
                    .append(r.title()).append('\n');
        }
        out.append(Counts.of(rules.size(), "rule")).append('\n');
        return Printable.lines(out.toString());
    }

    public String json(List<Rule> rules) {
        ArrayNode array = Json.array();
        for (Rule r : rules) {
            ObjectNode node = array.addObject();
            node.put("id", r.key());
            node.put("title", r.title());
            node.put("level", r.severity().sigmaLevel());
            node.put("source", source(r));
            node.put("kind", r.isCorrelation() ? "correlation " + r.correlation().type().sigmaName()
                    : r.baseline() != null ? "baseline" : "detection");
            node.set("cells", Json.strings(cells.of(r)));
            node.set("techniques", Json.strings(r.techniques()));
            node.put("control", r.control());
            node.set("tags", Json.strings(r.tags()));
            node.put("file", r.file());
            node.put("line", r.line());
        }
        ObjectNode root = Json.object();
        root.set("rules", array);
        return Json.pretty(root);
    }

    public String show(Rule r) {
        StringBuilder out = new StringBuilder();
        out.append(r.title()).append("  [").append(r.key()).append("]\n");
        out.append("  level: ").append(r.severity().sigmaLevel()).append("   source: ").append(source(r)).append('\n');
        if (!cells.of(r).isEmpty()) {
            out.append("  cells: ").append(String.join(", ", cells.of(r))).append('\n');
        }
        if (r.control() != null) {
            out.append("  control: ").append(r.control()).append('\n');
        }
        out.append("  defined at ").append(r.file()).append(':').append(r.line()).append("\n\n");
        out.append(r.text());
        return Printable.lines(out.toString());
    }

    /**
     * The rule as a standard Sigma document: its YAML as written. A baseline rule's first-seen condition is a cimatrix
     * extension other tools ignore, so a comment says that they would alert on every match.
     */
    public static String sigma(Rule r) {
        if (r.baseline() == null) {
            return r.text();
        }
        return "# cimatrix baseline rule: other Sigma tools ignore the 'cimatrix.firstSeen' key and alert on every\n"
                + "# match of the detection; cimatrix alerts only on values first seen for the key.\n" + r.text();
    }

    private static String source(Rule r) {
        if (r.isCorrelation()) {
            return r.source() == null ? "(several)" : r.source().id();
        }
        return r.source().id();
    }
}
