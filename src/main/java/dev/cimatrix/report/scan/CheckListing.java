package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Json;
import dev.cimatrix.report.Printable;
import dev.cimatrix.report.TextColumns;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * The scan's checks as {@code cimatrix scan --list-checks} prints them, with the configuration applied: whether each
 * runs, and the severity its findings get when the configuration overrides it.
 */
public final class CheckListing {
    private final ScanConfig config;
    private final Set<String> idle;

    /** @param idle ids of the checks the configuration gives nothing to look for (a policy check without a policy) */
    public CheckListing(ScanConfig config, Set<String> idle) {
        this.config = config;
        this.idle = Set.copyOf(idle);
    }

    /** "yes", "no" (turned off) or "idle" (runs, with nothing to look for). */
    private String runs(CheckInfo c) {
        return !config.enabled(c.id()) ? "no" : idle.contains(c.id()) ? "idle" : "yes";
    }

    public String table(List<CheckInfo> checks) {
        StringBuilder out = new StringBuilder();
        int idWidth = Math.max(2, checks.stream().mapToInt(c -> c.id().length()).max().orElse(2));
        out.append(TextColumns.pad("ID", idWidth)).append("  SEVERITY  CONFIDENCE  PROFILE   RUNS  FIX  CELLS / TITLE\n");
        int running = 0;
        int idling = 0;
        for (CheckInfo c : checks) {
            String runs = runs(c);
            running += runs.equals("no") ? 0 : 1;
            idling += runs.equals("idle") ? 1 : 0;
            out.append(TextColumns.pad(c.id(), idWidth)).append("  ").append(TextColumns.pad(severity(c), 8))
                    .append("  ").append(TextColumns.pad(c.confidence().label(), 10)).append("  ")
                    .append(TextColumns.pad(c.profile(), 8)).append("  ").append(TextColumns.pad(runs, 4)).append("  ")
                    .append(TextColumns.pad(c.fixable() ? "yes" : "", 3)).append("  ")
                    .append(String.join(" ", c.cells())).append("  ").append(c.title()).append('\n');
        }
        out.append(Counts.of(checks.size(), "check")).append(", ").append(running).append(" run")
                .append(idling == 0 ? "" : " (" + idling + " idle: the configuration gives " + (idling == 1 ? "it" : "them")
                        + " nothing to look for, such as a policy check without a policy)")
                .append("; FIX: `cimatrix scan --fix` can fix its findings; `cimatrix explain <id>` explains one\n");
        return Printable.lines(out.toString());
    }

    public String json(List<CheckInfo> checks) {
        ArrayNode array = Json.array();
        for (CheckInfo c : checks) {
            ObjectNode node = array.addObject();
            node.put("id", c.id());
            node.put("title", c.title());
            node.put("platform", c.platform());
            node.put("severity", severity(c));
            node.put("confidence", c.confidence().label());
            node.put("profile", c.profile());
            node.put("enabled", config.enabled(c.id()));
            node.put("idle", config.enabled(c.id()) && idle.contains(c.id()));
            node.set("cells", Json.strings(c.cells()));
            node.set("controls", Json.strings(c.controls()));
            node.set("options", Json.strings(c.options()));
            if (c.fixable()) {
                node.put("fix", c.fix());
            }
        }
        ObjectNode root = Json.object();
        root.set("checks", array);
        return Json.pretty(root);
    }

    /** The check's severity, or the one the configuration gives its findings instead. */
    private String severity(CheckInfo c) {
        var override = config.severityOverrides().get(c.id());
        return (override != null ? override : c.severity()).label();
    }
}
