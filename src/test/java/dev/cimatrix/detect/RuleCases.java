package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test events for rules and how to run them. An events file ({@code <rule>.events.jsonl}) holds one case per line:
 * <pre>
 * {"expect": true|false, "note": "...", "event": {...}}             one event, judged on its own
 * {"expect": true|false, "note": "...", "events": [{...}, ...]}     a sequence fed in order (correlations)
 * {"expect": ..., "history": [{...}], "event": {...}}               history fed first, then the judged event(s)
 * </pre>
 * {@code expect} says whether the file's alerting rule must raise an alert that contains one of the judged events
 * (events in {@code history} only build state, for first-seen rules). Every case runs on a fresh detector.
 */
final class RuleCases {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Case(int line, boolean expect, String note, List<JsonNode> history, List<JsonNode> events) {
        String describe() {
            return "line " + line + (note == null ? "" : " (" + note + ")") + ": expected "
                    + (expect ? "an alert" : "no alert");
        }
    }

    private RuleCases() {
    }

    static List<Case> read(Path file) {
        List<Case> cases = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).strip();
                if (text.isEmpty()) {
                    continue;
                }
                JsonNode node = JSON.readTree(text);
                if (!node.has("expect") || !node.get("expect").isBoolean()) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": no boolean 'expect'");
                }
                List<JsonNode> history = new ArrayList<>();
                if (node.has("history")) {
                    node.get("history").forEach(history::add);
                }
                List<JsonNode> events = new ArrayList<>();
                if (node.has("event")) {
                    events.add(node.get("event"));
                }
                if (node.has("events")) {
                    node.get("events").forEach(events::add);
                }
                if (events.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": no 'event' or 'events'");
                }
                String note = node.has("note") ? node.get("note").asString() : null;
                cases.add(new Case(i + 1, node.get("expect").asBoolean(), note, history, events));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The rules of one file that alert on their own: correlations, and detections no correlation silences. */
    static List<Rule> alerting(List<Rule> rules) {
        Set<String> referenced = new HashSet<>();
        for (Rule r : rules) {
            if (r.isCorrelation() && !r.correlation().generate()) {
                referenced.addAll(r.correlation().rules());
            }
        }
        return rules.stream()
                .filter(r -> r.isCorrelation() || !(referenced.contains(r.name()) || referenced.contains(r.id())))
                .toList();
    }

    /**
     * Runs the events of one case through a rule set and tells whether {@code ruleKey} raised an alert containing
     * a judged event. Events are written to a JSON Lines file in {@code dir} and read as {@code source}.
     */
    static boolean fires(RuleSet rules, String ruleKey, EventSource source, Case c, Path dir) {
        try {
            Path log = Files.createTempFile(dir, "case", ".jsonl");
            List<String> lines = new ArrayList<>();
            for (JsonNode e : c.history()) {
                lines.add(JSON.writeValueAsString(e));
            }
            for (JsonNode e : c.events()) {
                lines.add(JSON.writeValueAsString(e));
            }
            Files.write(log, lines, StandardCharsets.UTF_8);
            return fires(rules, ruleKey, source, log, c.history().size(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code ruleKey} raised an alert containing an event after line {@code historyLines} of the log. */
    static boolean fires(RuleSet rules, String ruleKey, EventSource source, Path log, int historyLines, Path dir) {
        return alertedLines(rules, ruleKey, source, log, dir).stream().anyMatch(l -> l > historyLines);
    }

    /** The log lines of the events in the alerts of {@code ruleKey}. */
    static Set<Long> alertedLines(RuleSet rules, String ruleKey, EventSource source, Path log, Path dir) {
        boolean needsState = rules.rules().stream().anyMatch(r -> r.baseline() != null);
        DetectionState state = null;
        try {
            if (needsState) {
                state = DetectionState.open(Files.createTempFile(dir, "state", ".db"));
            }
            Detector.Options options = new Detector.Options(source, 0, 1L, LogReader.DEFAULT_MAX_EVENT_BYTES);
            Detector detector = new Detector(rules, options, state, a -> { });
            detector.read(log, log.getFileName().toString(), false, () -> true);
            detector.finish();
            Set<Long> lines = new HashSet<>();
            for (Alert a : detector.alerts()) {
                if (a.rule().key().equals(ruleKey)) {
                    a.events().forEach(e -> lines.add(e.line()));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (state != null) {
                state.close();
            }
        }
    }

    /** Every file with the given suffix under a directory, in path order. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
