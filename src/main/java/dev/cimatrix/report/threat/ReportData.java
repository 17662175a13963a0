package dev.cimatrix.report.threat;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.coverage.CellCoverage;
import dev.cimatrix.coverage.CellStatus;
import dev.cimatrix.coverage.DetectiveControl;
import dev.cimatrix.coverage.PreventiveControl;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one JSON document, the only data the HTML page reads: cells refer to findings by index, so each
 * finding is written once however many cells it enables.
 */
final class ReportData {
    private ReportData() {
    }

    static ObjectNode of(ThreatModel model) {
        ObjectNode root = Json.object();
        root.put("title", "Threat model: " + model.repositoriesForTitle(r -> r));
        root.put("tool", "cimatrix " + model.scan().toolVersion());
        root.put("generated", model.scan().clock().instant().toString());
        root.set("repositories", Json.strings(model.repositories()));
        ArrayNode severities = root.putArray("severities");
        for (Severity s : Severity.values()) {
            severities.add(s.label());
        }
        ArrayNode statuses = root.putArray("statuses");
        for (CellStatus s : CellStatus.values()) {
            statuses.addObject().put("id", s.label()).put("color", CoverageLayer.COLORS.get(s));
        }
        ArrayNode tactics = root.putArray("tactics");
        for (Tactic t : model.scan().catalog().tactics()) {
            tactics.addObject().put("id", t.id()).put("name", t.name());
        }

        List<Finding> findings = model.scan().findings();
        Map<Finding, Integer> index = new HashMap<>();
        ArrayNode findingNodes = root.putArray("findings");
        for (Finding f : findings) {
            index.putIfAbsent(f, index.size());
            ObjectNode node = findingNodes.addObject();
            node.put("check", f.checkId());
            node.put("title", f.title());
            node.put("severity", f.severity().label());
            node.put("confidence", f.confidence().label());
            node.put("message", f.message());
            node.put("path", f.location().path());
            node.put("line", f.location().startLine());
            node.put("repository", model.repositoryOf(f.location().path()));
            node.set("cells", Json.strings(f.cells()));
        }

        Map<String, Rule> rules = new HashMap<>();
        model.rules().forEach(r -> rules.putIfAbsent(r.key(), r));
        ArrayNode cells = root.putArray("cells");
        for (CellCoverage c : model.coverage().cells()) {
            ObjectNode node = cells.addObject();
            node.put("id", c.id());
            node.put("tactic", c.cell().tactic().id());
            node.put("technique", c.cell().technique().id());
            node.put("name", c.cell().technique().name());
            node.put("extension", c.cell().technique().isExtension());
            node.put("status", c.status().label());
            node.set("reasons", Json.strings(c.reasons()));
            ArrayNode refs = node.putArray("findings");
            c.findings().forEach(f -> refs.add(index.get(f)));
            ArrayNode preventive = node.putArray("preventive");
            for (PreventiveControl p : c.preventive()) {
                preventive.addObject().put("id", p.control().id()).put("name", p.control().name())
                        .put("status", p.status().label()).put("reason", p.reason());
            }
            ArrayNode detective = node.putArray("detective");
            for (DetectiveControl d : c.detective()) {
                detective.addObject().put("id", d.control().id()).put("name", d.control().name())
                        .put("status", d.status().label()).put("reason", d.reason())
                        .set("logSources", Json.strings(d.control().logSourceIds()));
            }
            ArrayNode detections = node.putArray("detections");
            for (String key : c.detections()) {
                Rule rule = rules.get(key);
                detections.addObject().put("id", key).put("title", rule == null ? key : rule.title())
                        .put("source", rule == null || rule.source() == null ? "" : rule.source().id());
            }
        }

        ArrayNode paths = root.putArray("paths");
        for (AttackPath p : model.paths()) {
            ObjectNode node = paths.addObject();
            node.put("id", p.id());
            node.put("score", p.score());
            node.put("entry", p.entry());
            node.put("asset", p.asset());
            ArrayNode steps = node.putArray("steps");
            for (AttackPath.Step s : p.steps()) {
                steps.addObject().put("cell", s.cell()).put("from", s.from()).put("to", s.to())
                        .put("because", s.because())
                        .put("location", s.location() == null ? null
                                : s.location().path() + ":" + s.location().startLine());
            }
        }
        return root;
    }
}
