package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.Alert;
import dev.cimatrix.detect.AlertEvent;
import dev.cimatrix.detect.InputProblem;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.Severity;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts as SARIF 2.1.0: one run, every loaded rule in {@code tool.driver.rules}, one result per alert located at its
 * first event's file and line (the other events as related locations), and every input problem as a tool execution
 * notification so nothing is dropped silently.
 */
public final class AlertSarif {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final DetectionResult result;
    private final List<Rule> rules;
    private final RuleCells cells;
    private final String version;

    /** @param rules every rule that ran, listed in {@code tool.driver.rules} */
    public AlertSarif(DetectionResult result, List<Rule> rules, RuleCells cells, String version) {
        this.result = result;
        this.rules = rules;
        this.cells = cells;
        this.version = version;
    }

    public String render() {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "cimatrix");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/cimatrix/cimatrix");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Rule rule : rules) {
            index.put(rule.key(), index.size());
            ruleArray.add(rule(rule));
        }
        ArrayNode results = run.putArray("results");
        for (Alert alert : result.alerts()) {
            results.add(result(alert, index.getOrDefault(alert.rule().key(), -1)));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (InputProblem p : result.stats().problems()) {
            ObjectNode n = notifications.addObject();
            n.put("level", "warning");
            n.putObject("message").put("text", p.kind().label() + ": " + p.message());
            n.putArray("locations").add(location(p.file(), p.line()));
        }
        result.stats().alertsNotListed().forEach((rule, n) -> {
            ObjectNode note = notifications.addObject();
            note.put("level", "warning");
            note.putObject("message").put("text", n + " more alerts than the alert limit; counted, not listed");
            note.putObject("associatedRule").put("id", rule);
        });
        for (String file : result.stats().readOldestFirst()) {
            ObjectNode n = notifications.addObject();
            n.put("level", "note");
            n.putObject("message").put("text", "its events run newest first; they were read oldest first");
            n.putArray("locations").add(location(file, 0));
        }
        result.refused().forEach(r -> {
            ObjectNode n = notifications.addObject();
            n.put("level", "error");
            n.putObject("message").put("text", "rule refused: " + r.getMessage());
            n.putArray("locations").add(location(r.file(), r.line()));
        });
        return Json.pretty(root);
    }

    private ObjectNode rule(Rule rule) {
        ObjectNode node = Json.object();
        node.put("id", rule.key());
        node.put("name", rule.title());
        node.putObject("shortDescription").put("text", rule.title());
        node.putObject("fullDescription").put("text", rule.description() != null ? rule.description() : rule.title());
        node.putObject("defaultConfiguration").put("level", level(rule.severity()));
        ObjectNode properties = node.putObject("properties");
        properties.set("tags", Json.strings(rule.techniques()));
        properties.put("security-severity", securitySeverity(rule.severity()));
        return node;
    }

    private ObjectNode result(Alert alert, int ruleIndex) {
        Rule rule = alert.rule();
        ObjectNode node = Json.object();
        node.put("ruleId", rule.key());
        if (ruleIndex >= 0) {
            node.put("ruleIndex", ruleIndex);
        }
        node.put("level", level(rule.severity()));
        String group = alert.group().isEmpty() ? "" : " (" + SecretMask.text(alert.groupKey()) + ")";
        node.putObject("message").put("text", rule.title() + group + ": "
                + (alert.summary() != null ? alert.summary() : alert.eventCount() + " events"));
        List<AlertEvent> events = alert.events();
        ArrayNode locations = node.putArray("locations");
        if (!events.isEmpty()) {
            locations.add(location(events.get(0).file(), events.get(0).line()));
        }
        ArrayNode related = node.putArray("relatedLocations");
        for (int i = 1; i < events.size(); i++) {
            related.add(location(events.get(i).file(), events.get(i).line()).put("id", i));
        }
        node.putObject("partialFingerprints").put("cimatrixAlert/v1", fingerprint(rule.key() + "\n"
                + alert.groupKey()));
        ObjectNode properties = node.putObject("properties");
        properties.put("severity", rule.severity().label());
        properties.set("techniques", Json.strings(rule.techniques()));
        properties.set("tactics", Json.strings(rule.tactics()));
        properties.set("cells", Json.strings(cells.of(rule)));
        ObjectNode groupNode = properties.putObject("group");
        alert.group().forEach((k, v) -> groupNode.put(k, SecretMask.text(v)));
        properties.put("eventCount", alert.eventCount());
        return node;
    }

    private static ObjectNode location(String file, long line) {
        ObjectNode location = Json.object();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", file);
        if (line > 0) {
            physical.putObject("region").put("startLine", line);
        }
        return location;
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
