package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Correlation rules over timed events: counts, distinct values, sets and sequences, per group, in event time. */
class CorrelationTest {
    private static final String CLONE = """
            title: clone
            id: clone
            name: git_clone
            logsource: {product: github, service: audit}
            detection:
              selection: {action: git.clone}
              condition: selection
            """;
    private static final String TOKEN = """
            title: token created
            id: token
            logsource: {product: github, service: audit}
            detection:
              selection: {action: personal_access_token.request_created}
              condition: selection
            """;

    @TempDir
    Path dir;

    private static String event(String action, String actor, String repo, String time) {
        return "{\"action\":\"" + action + "\",\"actor\":\"" + actor + "\",\"repo\":\"" + repo
                + "\",\"@timestamp\":\"" + time + "\"}";
    }

    private static String correlation(String type, String rules, String condition) {
        return """
                title: correlated
                id: corr
                level: high
                tags: [cicd.t105, cicd.exfl]
                correlation:
                  type: %s
                  rules: %s
                  group-by: [actor]
                  timespan: 10m
                  condition: %s
                """.formatted(type, rules, condition);
    }

    @Test
    void eventCountFiresOncePerBurstAndPerGroup() {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "alice", "o/a", "2026-01-01T10:00:30Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z"),
                event("git.clone", "mallory", "o/c", "2026-01-01T10:02:00Z"),
                event("git.clone", "alice", "o/b", "2026-01-01T10:30:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule().key()).isEqualTo("corr");
            assertThat(a.group()).containsEntry("actor", "mallory");
            assertThat(a.eventCount()).isEqualTo(3);
            assertThat(a.events()).extracting(AlertEvent::line).containsExactly(1L, 3L, 4L);
            assertThat(a.summary()).isEqualTo("3 events");
        });
    }

    @Test
    void eventsOutsideTheTimespanDoNotCount() {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        assertThat(Detection.alerts(rules, dir,
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:09:00Z"),
                event("git.clone", "mallory", "o/c", "2026-01-01T10:20:00Z"))).isEmpty();
    }

    @Test
    void baseRulesReferencedWithoutGenerateStaySilent() {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 5}"));
        assertThat(Detection.alerts(rules, dir, event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"))).isEmpty();

        RuleSet generating = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 5}")
                + "  generate: true\n");
        assertThat(Detection.alerts(generating, dir, event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z")))
                .extracting(a -> a.rule().key()).containsExactly("clone");
    }

    @Test
    void valueCountCountsDistinctValues() {
        RuleSet rules = Detection.rules(CLONE, correlation("value_count", "[clone]", "{field: repo, gt: 2}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "m", "o/a", "2026-01-01T10:01:00Z"),
                event("git.clone", "m", "o/b", "2026-01-01T10:02:00Z"),
                event("git.clone", "m", "o/b", "2026-01-01T10:03:00Z"),
                event("git.clone", "m", "o/c", "2026-01-01T10:04:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.summary()).isEqualTo("3 distinct repo"));
    }

    /**
     * A value seen again replaces its earlier match: the alert holds the newest match of each value, and a log that
     * repeats one value a hundred thousand times within the timespan (a bot pushing to one repository) is read in
     * time linear in its length, where recounting the window's values for each match once took minutes.
     */
    @Test
    void aRepeatedValueCostsNothingAndTheAlertHoldsEachValuesNewestMatch() {
        RuleSet rules = Detection.rules(CLONE, correlation("value_count", "[clone]", "{field: repo, gte: 3}"));
        int repeats = 100_000;
        String[] lines = new String[repeats + 2];
        for (int i = 0; i < repeats; i++) {
            lines[i] = event("git.clone", "bot", "o/a", "2026-01-01T10:0%d:%02d.%03dZ".formatted(
                    i / 60_000 % 10, i / 1_000 % 60, i % 1_000));
        }
        lines[repeats] = event("git.clone", "bot", "o/b", "2026-01-01T10:08:00Z");
        lines[repeats + 1] = event("git.clone", "bot", "o/c", "2026-01-01T10:09:00Z");
        long started = System.nanoTime();
        List<Alert> alerts = Detection.alerts(rules, dir, lines);
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(20_000);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("3 distinct repo");
            assertThat(a.events()).extracting(AlertEvent::line).containsExactly((long) repeats, repeats + 1L,
                    repeats + 2L);
        });
    }

    /** A window judged at its end counts past its upper bound without keeping what it counts. */
    @Test
    void aWindowJudgedAtItsEndCountsPastItsBound() {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[clone]", "{lte: 2}"));
        String[] lines = new String[50_002];
        for (int i = 0; i < 50_000; i++) {
            lines[i] = event("git.clone", "busy", "o/a", "2026-01-01T10:00:%02d.%03dZ".formatted(i / 1_000 % 60, i % 1_000));
        }
        lines[50_000] = event("git.clone", "quiet", "o/a", "2026-01-01T10:00:00Z");
        lines[50_001] = event("git.clone", "quiet", "o/a", "2026-01-01T10:05:00Z");
        assertThat(Detection.alerts(rules, dir, lines)).singleElement().satisfies(a -> {
            assertThat(a.group()).containsEntry("actor", "quiet");
            assertThat(a.summary()).isEqualTo("2 events");
        });
    }

    @Test
    void upperBoundIsJudgedWhenTheWindowCloses() {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[clone]", "{lt: 2}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "once", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "twice", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "twice", "o/b", "2026-01-01T10:01:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group()).containsEntry("actor", "once"));
    }

    @Test
    void temporalNeedsEveryRuleInTheTimespanInAnyOrder() {
        RuleSet rules = Detection.rules(CLONE, TOKEN, correlation("temporal", "[clone, token]", "{gte: 2}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"),
                event("personal_access_token.request_created", "m", "o/a", "2026-01-01T10:05:00Z"),
                event("git.clone", "n", "o/a", "2026-01-01T10:00:00Z"),
                event("personal_access_token.request_created", "n", "o/a", "2026-01-01T11:00:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group()).containsEntry("actor", "m"));
    }

    /** A rule matched again within a temporal window replaces its earlier match. */
    @Test
    void temporalKeepsEachRulesNewestMatch() {
        RuleSet rules = Detection.rules(CLONE, TOKEN, correlation("temporal", "[clone, token]", "{gte: 2}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "m", "o/b", "2026-01-01T10:01:00Z"),
                event("git.clone", "m", "o/c", "2026-01-01T10:02:00Z"),
                event("personal_access_token.request_created", "m", "o/a", "2026-01-01T10:05:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("2 of 2 rules");
            assertThat(a.events()).extracting(AlertEvent::line).containsExactly(3L, 4L);
        });
    }

    @Test
    void temporalOrderedNeedsTheOrder() {
        RuleSet rules = Detection.rules(CLONE, TOKEN,
                correlation("temporal_ordered", "[token, clone]", "{gte: 2}"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "wrong-order", "o/a", "2026-01-01T10:00:00Z"),
                event("personal_access_token.request_created", "wrong-order", "o/a", "2026-01-01T10:01:00Z"),
                event("personal_access_token.request_created", "right", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "right", "o/a", "2026-01-01T10:02:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.group()).containsEntry("actor", "right");
            assertThat(a.events()).extracting(AlertEvent::line).containsExactly(3L, 4L);
        });
    }

    @Test
    void aliasesJoinDifferentFieldNames() {
        String push = """
                title: push
                id: push
                logsource: {product: github, service: audit}
                detection:
                  selection: {action: git.push}
                  condition: selection
                """;
        RuleSet rules = Detection.rules(CLONE, push, """
                title: clone then push by the same person
                id: joined
                correlation:
                  type: temporal
                  rules: [clone, push]
                  group-by: [who]
                  timespan: 1h
                  aliases:
                    who:
                      clone: actor
                      push: user
                """);
        List<Alert> alerts = Detection.alerts(rules, dir,
                "{\"action\":\"git.clone\",\"actor\":\"m\",\"@timestamp\":1767261600000}",
                "{\"action\":\"git.push\",\"actor\":\"bot\",\"user\":\"m\",\"@timestamp\":1767261660000}");
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group()).containsEntry("who", "m"));
    }

    @Test
    void singleEventAlertsFoldWithinTheDedupWindow() {
        RuleSet rules = Detection.rules(CLONE);
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "m", "o/a", "2026-01-01T10:30:00Z"),
                event("git.clone", "m", "o/a", "2026-01-01T12:00:00Z"),
                event("git.clone", "n", "o/a", "2026-01-01T10:00:00Z"));
        assertThat(alerts).extracting(Alert::groupKey, Alert::eventCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("actor=m, repo=o/a", 2L),
                org.assertj.core.groups.Tuple.tuple("actor=m, repo=o/a", 1L),
                org.assertj.core.groups.Tuple.tuple("actor=n, repo=o/a", 1L));
    }

    /** A folded alert lists each matched field's values once, in the order first seen. */
    @Test
    void aFoldedAlertListsEachMatchedValueOnce() {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                selection:
                  action|startswith: [git., repo.]
                condition: selection
                """).replace("level: high", "level: high\ncimatrix:\n  groupBy: [actor]"));
        List<Alert> alerts = Detection.alerts(rules, dir,
                event("git.clone", "m", "o/a", "2026-01-01T10:00:00Z"),
                event("repo.download_zip", "m", "o/b", "2026-01-01T10:01:00Z"),
                event("git.clone", "m", "o/c", "2026-01-01T10:02:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.eventCount()).isEqualTo(3);
            assertThat(a.matched()).containsOnlyKeys("action");
            assertThat(a.matched().get("action")).containsExactly("git.clone", "repo.download_zip");
        });
    }
    /** One run over some events with a state store, as `cimatrix detect --state` runs. */
    private List<Alert> runWithState(RuleSet rules, String name, String... jsonLines) throws Exception {
        Path file = dir.resolve(name);
        java.nio.file.Files.write(file, List.of(jsonLines));
        try (DetectionState state = DetectionState.open(dir.resolve("state.db"))) {
            Detector detector = new Detector(rules, Detector.Options.defaults(), state, a -> { });
            detector.read(file, name, false, () -> true);
            detector.finish();
            return detector.alerts();
        }
    }

    @Test
    void thresholdsCarryOverIntoTheNextRunThroughTheStateStore() throws Exception {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        assertThat(runWithState(rules, "monday.jsonl",
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z"))).isEmpty();
        List<Alert> next = runWithState(rules, "tuesday.jsonl",
                event("git.clone", "mallory", "o/c", "2026-01-01T10:02:00Z"));
        assertThat(next).singleElement().satisfies(a -> {
            assertThat(a.group()).containsEntry("actor", "mallory");
            assertThat(a.events()).extracting(AlertEvent::file).containsExactly("monday.jsonl", "monday.jsonl",
                    "tuesday.jsonl");
            assertThat(a.events()).extracting(AlertEvent::line).containsExactly(1L, 2L, 1L);
        });
        // The window that fired is closed: a third run starts afresh.
        assertThat(runWithState(rules, "wednesday.jsonl",
                event("git.clone", "mallory", "o/d", "2026-01-01T10:03:00Z"))).isEmpty();
    }

    @Test
    void aLogReadAgainWithTheSameStateCountsItsEventsOnce() throws Exception {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        String[] two = {event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z")};
        for (int run = 1; run <= 3; run++) {
            assertThat(runWithState(rules, "monday.jsonl", two)).as("run " + run).isEmpty();
        }
        // Overlapping exports read in one run: the events they share count once.
        assertThat(Detection.alerts(rules, dir, two[0], two[1], two[1], two[0])).isEmpty();
        assertThat(runWithState(rules, "tuesday.jsonl", event("git.clone", "mallory", "o/c", "2026-01-01T10:02:00Z")))
                .singleElement().satisfies(a -> assertThat(a.events()).extracting(AlertEvent::line)
                        .containsExactly(1L, 2L, 1L));
    }

    @Test
    void anEventMatchingTwoCountedRulesIsOneEvent() {
        String anyClone = CLONE.replace("id: clone", "id: clone-2").replace("name: git_clone", "name: any_clone");
        RuleSet rules = Detection.rules(CLONE, anyClone, correlation("event_count", "[git_clone, any_clone]", "{gte: 3}"));
        assertThat(Detection.alerts(rules, dir, event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z"))).isEmpty();
    }

    @Test
    void sequencesCarryOverAndOldMatchesExpireInEventTime() throws Exception {
        RuleSet rules = Detection.rules(TOKEN, CLONE, correlation("temporal_ordered", "[token, git_clone]", "{gte: 2}"));
        runWithState(rules, "a.jsonl", event("personal_access_token.request_created", "eve", "", "2026-01-01T10:00:00Z"));
        assertThat(runWithState(rules, "b.jsonl", event("git.clone", "eve", "o/a", "2026-01-01T10:05:00Z")))
                .singleElement().satisfies(a -> assertThat(a.events()).extracting(AlertEvent::file)
                        .containsExactly("a.jsonl", "b.jsonl"));
        runWithState(rules, "c.jsonl", event("personal_access_token.request_created", "eve", "", "2026-01-01T11:00:00Z"));
        // Later than the timespan: the stored start of the sequence no longer counts.
        assertThat(runWithState(rules, "d.jsonl", event("git.clone", "eve", "o/a", "2026-01-01T11:30:00Z"))).isEmpty();
    }

    @Test
    void windowsOfRulesNoLongerLoadedAreDropped() throws Exception {
        runWithState(Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}")), "a.jsonl",
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z"));
        RuleSet other = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}")
                .replace("id: corr", "id: corr-2"));
        assertThat(runWithState(other, "b.jsonl", event("git.clone", "mallory", "o/c", "2026-01-01T10:02:00Z")))
                .isEmpty();
        try (DetectionState state = DetectionState.open(dir.resolve("state.db"))) {
            assertThat(state.openMatches()).extracting(DetectionState.OpenMatch::rule).containsOnly("corr-2");
        }
    }

    /** Reads the events as a followed log is read: to its end as a stream, the alerts handed on as they come. */
    private Detector follow(RuleSet rules, List<Alert> streamed, List<String> jsonLines) throws Exception {
        Path file = dir.resolve("followed.jsonl");
        java.nio.file.Files.write(file, jsonLines);
        Detector detector = new Detector(rules, Detector.Options.defaults(), null, streamed::add);
        detector.read(file, "followed.jsonl", true, () -> true);
        return detector;
    }

    private static String at(long epochSeconds) {
        return java.time.Instant.ofEpochSecond(epochSeconds).toString();
    }

    /**
     * Weeks of a log must not fill the memory: alerts past their dedup window and correlation windows past their
     * timespan are let go as the input goes on, while every alert is still handed on (or kept, for a whole file).
     */
    @Test
    void aLogKeepsOnlyWhatMayStillChange() throws Exception {
        // The clone rule only feeds the correlation; a rule of its own alerts on every clone.
        String everyClone = """
                title: every clone
                id: every-clone
                logsource: {product: github, service: audit}
                detection:
                  selection: {action: git.clone}
                  condition: selection
                """;
        RuleSet rules = Detection.rules(CLONE, everyClone, correlation("event_count", "[git_clone]", "{gte: 3}"));
        long start = java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // A new actor every ten seconds: 20,000 alerts and correlation windows over 55 hours.
            lines.add(event("git.clone", "user" + i, "o/a", at(start + 10L * i)));
        }
        List<Alert> streamed = new java.util.ArrayList<>();
        Detector detector = follow(rules, streamed, lines);

        assertThat(streamed).hasSize(20_000);
        assertThat(detector.alerts()).as("a stream's alerts are handed on, not kept").isEmpty();
        // Within the hour of the dedup window, plus the stream's present trailing by 64 events and a sweep a minute.
        assertThat(detector.openAlertCount()).isBetween(300, 450);
        assertThat(detector.openWindowCount()).isBetween(50, 150);

        // Read to its end instead, the same log keeps every alert, as a report of the whole file needs, but no
        // more open alerts and windows than the stream: a window for each of 20,000 actors is not held to the end.
        Detector whole = Detection.run(rules, new Detector.Options(null, 0, 3_600_000L,
                LogReader.DEFAULT_MAX_EVENT_BYTES, 0), dir, lines.toArray(String[]::new));
        assertThat(whole.alerts()).hasSize(20_000);
        assertThat(whole.openAlertCount()).isBetween(300, 450);
        assertThat(whole.openWindowCount()).as("after the end, the windows within the timespan of its last events")
                .isBetween(50, 150);
    }

    /** Windows past their timespan at the end of a run are not kept in the state for the next. */
    @Test
    void windowsPastTheirTimespanAtTheEndAreNotStored() throws Exception {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        List<String> lines = new java.util.ArrayList<>(List.of(
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "eve", "o/a", "2026-01-01T10:30:00Z")));
        long later = java.time.Instant.parse("2026-01-01T10:35:00Z").getEpochSecond();
        for (int i = 0; i < 100; i++) {
            // Past the 64 events that the present trails by; one clone each, so no burst.
            lines.add(event("git.clone", "user" + i, "o/a", at(later + i)));
        }
        runWithState(rules, "a.jsonl", lines.toArray(String[]::new));
        try (DetectionState state = DetectionState.open(dir.resolve("state.db"))) {
            assertThat(state.openMatches()).extracting(m -> m.groupFields()).hasSize(101)
                    .contains("{\"actor\":\"eve\"}").doesNotContain("{\"actor\":\"mallory\"}");
        }
    }

    /** A window judged at its end fires once the stream is past that end, not only when the stream stops. */
    @Test
    void aFollowedLogJudgesWindowsAtTheirEndAsTheStreamPassesIt() throws Exception {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{lt: 2}"));
        List<String> lines = new java.util.ArrayList<>();
        lines.add(event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"));
        long later = java.time.Instant.parse("2026-01-01T10:20:00Z").getEpochSecond();
        for (int i = 0; i < 150; i++) {
            // Alice clones every two seconds for five minutes: never fewer than two in ten minutes.
            lines.add(event("git.clone", "alice", "o/b", at(later + 2L * i)));
        }
        List<Alert> streamed = new java.util.ArrayList<>();
        follow(rules, streamed, lines);
        assertThat(streamed).filteredOn(a -> a.rule().key().equals("corr")).singleElement()
                .satisfies(a -> assertThat(a.group()).containsEntry("actor", "mallory"));
    }

    /** One forged timestamp far ahead does not close the other groups' windows. */
    @Test
    void aForgedTimestampDoesNotCloseAFollowedLogsWindows() throws Exception {
        RuleSet rules = Detection.rules(CLONE, correlation("event_count", "[git_clone]", "{gte: 3}"));
        List<Alert> streamed = new java.util.ArrayList<>();
        follow(rules, streamed, List.of(
                event("git.clone", "mallory", "o/a", "2026-01-01T10:00:00Z"),
                event("git.clone", "mallory", "o/b", "2026-01-01T10:01:00Z"),
                event("git.clone", "eve", "o/x", "2999-01-01T00:00:00Z"),
                event("git.clone", "mallory", "o/c", "2026-01-01T10:02:00Z")));
        assertThat(streamed).filteredOn(a -> a.rule().key().equals("corr")).singleElement()
                .satisfies(a -> assertThat(a.group()).containsEntry("actor", "mallory"));
    }
}
