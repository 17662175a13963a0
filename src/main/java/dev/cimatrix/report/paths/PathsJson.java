package dev.cimatrix.report.paths;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.model.Location;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.JobExposure;
import dev.cimatrix.paths.Move;
import dev.cimatrix.paths.Node;
import dev.cimatrix.paths.PathAnalysis;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code cimatrix paths --format json}: the ranked paths with their steps, the jobs that mix untrusted input
 * with privileges, what is unknown, and the part of the graph the paths use (its nodes with their kinds and
 * attributes, and its moves), for tools that draw it. The whole graph of an organisation runs to tens of
 * megabytes, so it is counted in the summary, not listed.
 */
final class PathsJson {
    /** Changes when a field is removed or changes meaning; new fields do not change it. */
    static final String SCHEMA_VERSION = "1";

    private PathsJson() {
    }

    static String render(PathAnalysis analysis, Catalog catalog) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode summary = root.putObject("summary");
        summary.put("nodes", analysis.graph().nodeCount());
        summary.put("moves", analysis.graph().moveCount());
        summary.put("paths", analysis.paths().size());
        summary.put("truncated", analysis.truncated());
        ObjectNode limits = summary.putObject("limits");
        limits.put("maxLength", analysis.limits().maxLength());
        limits.put("maxPaths", analysis.limits().maxPaths());
        limits.put("maxPerPair", analysis.limits().maxPerPair());
        ArrayNode paths = root.putArray("paths");
        for (AttackPath path : analysis.paths()) {
            ObjectNode p = paths.addObject();
            p.put("id", path.id());
            p.put("score", path.score());
            p.put("likelihood", round(path.likelihood()));
            p.put("impact", path.impact());
            p.put("entry", path.entry().id());
            p.put("asset", path.asset().id());
            p.set("cells", Json.strings(path.cells()));
            ArrayNode steps = p.putArray("steps");
            path.steps().forEach(step -> steps.add(move(step, catalog)));
        }
        ArrayNode jobs = root.putArray("mixedJobs");
        for (JobExposure job : analysis.mixedJobs()) {
            ObjectNode j = jobs.addObject();
            j.put("node", job.jobNodeId());
            j.put("workflow", job.workflow());
            j.put("job", job.job());
            j.set("location", location(job.location()));
            j.set("untrusted", Json.strings(job.untrusted()));
            j.set("privileges", Json.strings(job.privileges()));
        }
        root.set("unknowns", Json.strings(analysis.unknowns()));
        Set<Move> onPaths = new LinkedHashSet<>();
        Set<String> nodeIds = new TreeSet<>();
        for (AttackPath path : analysis.paths()) {
            onPaths.addAll(path.steps());
            nodeIds.addAll(path.nodeIds());
        }
        ObjectNode graph = root.putObject("graph");
        ArrayNode nodes = graph.putArray("nodes");
        for (String id : nodeIds) {
            Node node = analysis.graph().node(id).orElseThrow();
            ObjectNode n = nodes.addObject();
            n.put("id", node.id());
            n.put("kind", node.kind().label());
            n.put("label", node.label());
            n.set("location", location(node.location()));
            ObjectNode attributes = n.putObject("attributes");
            node.attributes().forEach(attributes::put);
        }
        ArrayNode moves = graph.putArray("moves");
        analysis.graph().moves().stream().filter(onPaths::contains).forEach(m -> moves.add(move(m, catalog)));
        return Json.pretty(root);
    }

    private static ObjectNode move(Move move, Catalog catalog) {
        ObjectNode node = Json.object();
        node.put("cell", move.cell());
        node.put("technique", catalog.technique(move.technique()).map(Technique::name).orElse(null));
        node.put("from", move.from());
        node.put("to", move.to());
        node.put("because", move.because());
        node.put("evidence", move.evidence());
        node.set("location", location(move.location()));
        node.put("likelihood", move.likelihood());
        return node;
    }

    private static ObjectNode location(Location location) {
        if (location == null) {
            return null;
        }
        ObjectNode node = Json.object();
        node.put("path", location.path());
        node.put("startLine", location.startLine());
        node.put("startColumn", location.startColumn());
        node.put("endLine", location.endLine());
        node.put("endColumn", location.endColumn());
        node.put("route", location.route());
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
