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
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts as JSON: {@code {"alerts": [...], "stats": {...}}}. Every alert names its rule, cells and severity, the group
 * it is for, the fields that matched, and each event with its file and 1-based line; secrets are masked.
 */
public final class AlertJson {
    private final RuleCells cells;
    /** A rule's cells, worked out once rather than for each of its alerts. */
    private final Map<Rule, List<String>> cellsByRule = new IdentityHashMap<>();

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
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeName("alerts");
            g.writeStartArray();
            for (Alert a : result.alerts()) {
                alert(a, g);
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
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            alert(alert, g);
        }
        return out + "\n";
    }

    private static JsonGenerator generator(Writer out) {
        return Json.mapper().writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
    }

    /**
     * Writes one alert straight to the generator: each event's text is copied token by token with secrets masked,
     * rather than parsed into a tree, masked into a second tree and serialised.
     */
    void alert(Alert alert, JsonGenerator g) {
        Rule rule = alert.rule();
        g.writeStartObject();
        g.writeStringProperty("rule", rule.key());
        g.writeStringProperty("title", rule.title());
        strings(g, "cells", cellsByRule.computeIfAbsent(rule, cells::of));
        g.writeStringProperty("severity", rule.severity().label());
        if (rule.control() != null) {
            g.writeStringProperty("control", rule.control());
        }
        strings(g, "techniques", rule.techniques());
        g.writeObjectPropertyStart("group");
        for (Map.Entry<String, String> e : alert.group().entrySet()) {
            g.writeStringProperty(e.getKey(), SecretMask.text(e.getValue()));
        }
        g.writeEndObject();
        if (alert.summary() != null) {
            g.writeStringProperty("summary", alert.summary());
        }
        String first = DetectionResult.time(alert.firstTime());
        g.writeStringProperty("firstTime", first);
        g.writeStringProperty("lastTime", alert.lastTime() == alert.firstTime() ? first
                : DetectionResult.time(alert.lastTime()));
        g.writeNumberProperty("eventCount", alert.eventCount());
        g.writeObjectPropertyStart("matched");
        for (Map.Entry<String, Set<String>> e : alert.matched().entrySet()) {
            g.writeArrayPropertyStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(SecretMask.text(v));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeArrayPropertyStart("events");
        for (AlertEvent e : alert.events()) {
            g.writeStartObject();
            g.writeStringProperty("file", e.file());
            g.writeNumberProperty("line", e.line());
            g.writeName("event");
            if (!SecretMask.copyMasked(e.json(), g)) {
                g.writeTree(SecretMask.json(parse(e.json())));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, Collection<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
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
