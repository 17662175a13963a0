package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.Alert;
import dev.cimatrix.detect.AlertEvent;
import dev.cimatrix.detect.DetectStats;
import dev.cimatrix.detect.InputProblem;
import dev.cimatrix.detect.RuleException;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.report.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Alerts as JSON: {@code {"alerts": [...], "stats": {...}}}. Every alert names its rule, cells and severity, the group
 * it is for, the fields that matched, and each event with its file and 1-based line; secrets are masked.
 */
public final class AlertJson {
    private final RuleCells cells;

    public AlertJson(RuleCells cells) {
        this.cells = cells;
    }

    public String render(DetectionResult result) {
        StringWriter out = new StringWriter();
        write(result, out);
        return out.toString();
    }

    /**
     * Streams the document alert by alert, so a run with many alerts never holds the whole output in memory; the
     * text is the same as {@link Json#pretty} of the whole tree.
     */
    public void write(DetectionResult result, Writer out) {
        try (JsonGenerator g = Json.mapper().writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .createGenerator(out)) {
            g.writeStartObject();
            g.writeName("alerts");
            g.writeStartArray();
            for (Alert a : result.alerts()) {
                g.writeTree(alert(a));
            }
            g.writeEndArray();
            g.writeName("stats");
            g.writeTree(stats(result));
            g.writeEndObject();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One alert on one line, for {@code --follow}, where alerts are written as they are raised. */
    public String line(Alert alert) {
        return Json.mapper().writeValueAsString(alert(alert)) + "\n";
    }

    ObjectNode alert(Alert alert) {
        Rule rule = alert.rule();
        ObjectNode node = Json.object();
        node.put("rule", rule.key());
        node.put("title", rule.title());
        node.set("cells", Json.strings(cells.of(rule)));
        node.put("severity", rule.severity().label());
        if (rule.control() != null) {
            node.put("control", rule.control());
        }
        node.set("techniques", Json.strings(rule.techniques()));
        ObjectNode group = node.putObject("group");
        alert.group().forEach((k, v) -> group.put(k, SecretMask.text(v)));
        if (alert.summary() != null) {
            node.put("summary", alert.summary());
        }
        node.put("firstTime", DetectionResult.time(alert.firstTime()));
        node.put("lastTime", DetectionResult.time(alert.lastTime()));
        node.put("eventCount", alert.eventCount());
        ObjectNode matched = node.putObject("matched");
        alert.matched().forEach((field, values) -> {
            ArrayNode array = matched.putArray(field);
            values.forEach(v -> array.add(SecretMask.text(v)));
        });
        ArrayNode events = node.putArray("events");
        for (AlertEvent e : alert.events()) {
            ObjectNode event = events.addObject();
            event.put("file", e.file());
            event.put("line", e.line());
            event.set("event", SecretMask.json(parse(e.json())));
        }
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JacksonException e) {
            return Json.mapper().getNodeFactory().stringNode(SecretMask.text(json));
        }
    }

    private static ObjectNode stats(DetectionResult result) {
        DetectStats stats = result.stats();
        ObjectNode node = Json.object();
        node.put("files", stats.files());
        node.put("bytes", stats.bytes());
        node.put("events", stats.events());
        ObjectNode bySource = node.putObject("eventsBySource");
        stats.eventsBySource().forEach((source, n) -> bySource.put(source.id(), n));
        node.put("ruleMatches", stats.ruleMatches());
        node.put("alerts", result.alerts().size());
        node.put("suppressedWhileLearning", stats.learningSuppressed());
        ObjectNode counts = node.putObject("problemCounts");
        for (InputProblem.Kind kind : InputProblem.Kind.values()) {
            counts.put(kind.name().toLowerCase(java.util.Locale.ROOT), stats.problems(kind));
        }
        ArrayNode problems = node.putArray("problems");
        for (InputProblem p : stats.problems()) {
            ObjectNode problem = problems.addObject();
            problem.put("file", p.file());
            problem.put("line", p.line());
            problem.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            problem.put("message", p.message());
        }
        ArrayNode refused = node.putArray("refusedRules");
        for (RuleException r : result.refused()) {
            ObjectNode rule = refused.addObject();
            rule.put("file", r.file());
            rule.put("line", r.line());
            rule.put("message", r.getMessage());
        }
        return node;
    }
}
