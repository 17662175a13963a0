package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.TreeMap;

/**
 * cimatrix's own JSON for a scan ({@code docs/schemas/scan.schema.json}): a summary, every finding with its
 * location, matrix cells and fingerprint, every problem, and the ids of the checks that ran.
 */
final class ScanJson {
    /** Changes when a field is removed or changes meaning; new fields do not change it. */
    static final String SCHEMA_VERSION = "1";

    private ScanJson() {
    }

    static String render(ScanReport report) {
        return Json.pretty(tree(report));
    }

    static ObjectNode tree(ScanReport report) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("version", report.toolVersion());
        root.put("root", report.root().toString().replace('\\', '/'));
        root.set("summary", summary(report.summary()));
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(p -> problems.add(problem(p)));
        root.set("checks", Json.strings(report.checks().stream().map(CheckInfo::id).toList()));
        return root;
    }

    private static ObjectNode summary(Summary summary) {
        ObjectNode node = Json.object();
        node.put("files", summary.files());
        node.put("workflows", summary.workflows());
        node.put("actions", summary.actions());
        node.put("findings", summary.findings());
        ObjectNode bySeverity = node.putObject("bySeverity");
        summary.bySeverity().forEach((severity, n) -> bySeverity.put(severity.label(), n));
        ObjectNode byTactic = node.putObject("byTactic");
        summary.byTactic().forEach(byTactic::put);
        node.put("suppressed", summary.suppressed());
        node.put("baselined", summary.baselined());
        node.put("problems", summary.problems());
        return node;
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = Json.object();
        node.put("check", finding.checkId());
        node.put("title", finding.title());
        node.put("message", finding.message());
        node.put("severity", finding.severity().label());
        node.put("confidence", finding.confidence().label());
        node.set("location", location(finding.location()));
        ArrayNode related = node.putArray("related");
        for (RelatedLocation r : finding.related()) {
            ObjectNode entry = related.addObject();
            entry.set("location", location(r.location()));
            entry.put("message", r.message());
        }
        node.set("cells", Json.strings(finding.cells()));
        node.set("techniques", Json.strings(finding.techniques()));
        node.set("tactics", Json.strings(finding.tactics()));
        node.put("fingerprint", finding.fingerprint());
        ObjectNode properties = node.putObject("properties");
        new TreeMap<>(finding.properties()).forEach(properties::put);
        return node;
    }

    private static ObjectNode problem(Problem problem) {
        ObjectNode node = Json.object();
        node.put("kind", problem.kind().id());
        node.set("location", location(problem.location()));
        node.put("message", problem.message());
        node.put("fatal", problem.fatal());
        return node;
    }

    /** Lines and columns are 1-based and the end column is the last character's, as in the model. */
    private static ObjectNode location(Location location) {
        ObjectNode node = Json.object();
        node.put("path", location.path());
        node.put("startLine", location.startLine());
        node.put("startColumn", location.startColumn());
        node.put("endLine", location.endLine());
        node.put("endColumn", location.endColumn());
        node.put("route", location.route());
        return node;
    }
}
