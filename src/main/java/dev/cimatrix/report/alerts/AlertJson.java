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
import tools.jackson.databind.JsonNode;

import java.io.StringWriter;
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
     * text is the same as {@link Json#pretty} of the whole tree. The streaming generator writes what the mapper
     * would without building it: that loads hundreds of classes, a noticeable part of a short detect run.
     */
    public void write(DetectionResult result, Writer out) {
        Json.document(out, g -> {
            g.writeStartObject();
            g.writeName("alerts");
            g.writeStartArray();
            for (Alert a : result.alerts()) {
                alert(a, g);
            }
            g.writeEndArray();
            g.writeName("stats");
            stats(result, g);
            g.writeEndObject();
        });
    }

    /** One alert on one line, for {@code --follow}, where alerts are written as they are raised. */
    public String line(Alert alert) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.lineGenerator(out)) {
            alert(alert, g);
        }
        return out + "\n";
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
                // The mapper, which parsing the event has just built, writes the tree on the streaming generator.
                Json.mapper().writeTree(g, SecretMask.json(parse(e.json())));
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

    private static void stats(DetectionResult result, JsonGenerator g) {
        DetectStats stats = result.stats();
        g.writeStartObject();
        g.writeNumberProperty("files", stats.files());
        g.writeNumberProperty("bytes", stats.bytes());
        g.writeNumberProperty("events", stats.events());
        g.writeObjectPropertyStart("eventsBySource");
        stats.eventsBySource().forEach((source, n) -> g.writeNumberProperty(source.id(), n));
        g.writeEndObject();
        g.writeNumberProperty("ruleMatches", stats.ruleMatches());
        g.writeNumberProperty("alerts", result.alerts().size());
        g.writeNumberProperty("suppressedWhileLearning", stats.learningSuppressed());
        g.writeObjectPropertyStart("alertsNotListed");
        stats.alertsNotListed().forEach((rule, n) -> g.writeNumberProperty(rule, n));
        g.writeEndObject();
        g.writeArrayPropertyStart("readOldestFirst");
        for (String file : stats.readOldestFirst()) {
            g.writeString(file);
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("problemCounts");
        for (InputProblem.Kind kind : InputProblem.Kind.values()) {
            g.writeNumberProperty(kind.name().toLowerCase(java.util.Locale.ROOT), stats.problems(kind));
        }
        g.writeEndObject();
        g.writeArrayPropertyStart("problems");
        for (InputProblem p : stats.problems()) {
            g.writeStartObject();
            Json.string(g, "file", p.file());
            g.writeNumberProperty("line", p.line());
            g.writeStringProperty("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            Json.string(g, "message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("refusedRules");
        for (RuleException r : result.refused()) {
            g.writeStartObject();
            Json.string(g, "file", r.file());
            g.writeNumberProperty("line", r.line());
            Json.string(g, "message", r.getMessage());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
