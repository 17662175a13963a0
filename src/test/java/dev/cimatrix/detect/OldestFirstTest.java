package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log whose events run newest first, as audit-log exports do, gives what the same log oldest first gives: the
 * same correlations, baselines and learning period, with every event at its own line.
 */
class OldestFirstTest {
    private static final String DELETE = """
            title: repository deleted
            id: delete
            name: repo_deleted
            logsource: {product: github, service: audit}
            detection:
              selection: {action: repo.destroy}
              condition: selection
            """;
    private static final String BULK_DELETE = """
            title: repositories deleted in bulk
            id: bulk-delete
            level: high
            correlation:
              type: event_count
              rules: [repo_deleted]
              group-by: [actor]
              timespan: 1h
              condition: {gte: 5}
            """;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private static String deletion(String actor, int repo, long minutes) {
        return "{\"action\":\"repo.destroy\",\"actor\":\"" + actor + "\",\"repo\":\"o/r" + repo
                + "\",\"@timestamp\":\"" + START.plusSeconds(minutes * 60) + "\"}";
    }

    private static String use(String ip, long days) {
        return "{\"action\":\"git.clone\",\"actor\":\"ci\",\"programmatic_access_type\":\"OAuth access token\","
                + "\"hashed_token\":\"T\",\"actor_ip\":\"" + ip + "\",\"@timestamp\":\""
                + START.plusSeconds(days * 86_400) + "\"}";
    }

    private static List<String> reversed(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        Collections.reverse(out);
        return out;
    }

    /** Each alert as its rule, group and the events' times, which do not depend on the file's order. */
    private static List<String> summary(List<Alert> alerts) {
        return alerts.stream().map(a -> a.rule().key() + " " + a.group() + " "
                + a.events().stream().map(AlertEvent::time).sorted().toList()).sorted().toList();
    }

    private Detector run(List<String> lines, DetectionState state, int learnDays) throws IOException {
        Path file = Files.createTempFile(dir, "log", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Detector d = new Detector(Detection.rules(DELETE, BULK_DELETE, BaselineTest.NEW_IP),
                new Detector.Options(null, learnDays, 3_600_000L, LogReader.DEFAULT_MAX_EVENT_BYTES), state, a -> { });
        d.read(file, "log.jsonl", false, () -> true);
        d.finish();
        return d;
    }

    @Test
    void deletionsSpreadOverHoursAreNoBurstInEitherOrder() throws IOException {
        List<String> spread = Stream.of(0, 120, 240, 360, 480, 600).map(m -> deletion("mallory", m, m)).toList();
        try (DetectionState state = DetectionState.open(dir.resolve("a.db"))) {
            assertThat(run(spread, state, 0).alerts()).isEmpty();
        }
        try (DetectionState state = DetectionState.open(dir.resolve("b.db"))) {
            Detector newestFirst = run(reversed(spread), state, 0);
            assertThat(newestFirst.alerts()).as("five deletions over ten hours, counted backwards").isEmpty();
            assertThat(newestFirst.stats().readOldestFirst()).containsExactly("log.jsonl");
        }
    }

    @Test
    void aLongNewestFirstLogGivesTheAlertsOfTheSameLogOldestFirst() throws IOException {
        // Past the probe and past several blocks of the set-aside file: bursts and near misses for many actors.
        List<String> lines = new ArrayList<>();
        String padding = "x".repeat(700);
        long minute = 0;
        for (int clump = 0; lines.size() < 6_000; clump++) {
            // Clumps of 4, 5 and 6 deletions two minutes apart, by actors taking turns: only 5 or more alert.
            String actor = "actor" + (clump % 13);
            for (int k = 0; k < 4 + clump % 3; k++) {
                lines.add(deletion(actor, lines.size(), minute).replace("\"}", "\",\"note\":\"" + padding + "\"}"));
                minute += 2;
            }
        }
        List<Alert> oldestFirst;
        try (DetectionState state = DetectionState.open(dir.resolve("a.db"))) {
            Detector d = run(lines, state, 0);
            assertThat(d.stats().readOldestFirst()).isEmpty();
            oldestFirst = d.alerts();
        }
        assertThat(oldestFirst).as("the log has bursts").hasSizeGreaterThan(10);
        try (DetectionState state = DetectionState.open(dir.resolve("b.db"))) {
            Detector d = run(reversed(lines), state, 0);
            assertThat(d.stats().readOldestFirst()).containsExactly("log.jsonl");
            assertThat(d.stats().events()).isEqualTo(lines.size());
            assertThat(summary(d.alerts())).isEqualTo(summary(oldestFirst));
            // Each event keeps the line it has in the file read, counted from the newest.
            Alert first = d.alerts().get(0);
            for (AlertEvent e : first.events()) {
                assertThat(reversed(lines).get((int) e.line() - 1)).isEqualTo(e.json());
            }
        }
    }

    @Test
    void aNewIpIsNewAtItsFirstUseAndTheLearningPeriodStartsAtTheOldestEvent() throws IOException {
        List<String> uses = List.of(use("1.1.1.1", 0), use("2.2.2.2", 1), use("2.2.2.2", 5), use("3.3.3.3", 6),
                use("1.1.1.1", 7));
        try (DetectionState state = DetectionState.open(dir.resolve("b.db"))) {
            List<Alert> alerts = run(reversed(uses), state, 2).alerts();
            assertThat(alerts).as("learning days 0 to 2; after them only 3.3.3.3 is new")
                    .flatExtracting(Alert::events).extracting(AlertEvent::json).containsExactly(uses.get(3));
        }
    }

    @Test
    void aJsonArrayExportNewestFirstKeepsEachEventsLine() throws IOException {
        List<String> events = Stream.of(0, 5, 10, 15, 20).map(m -> deletion("mallory", m, m)).toList();
        StringBuilder export = new StringBuilder("[\n");
        List<String> newestFirst = reversed(events);
        for (int i = 0; i < newestFirst.size(); i++) {
            export.append("  ").append(newestFirst.get(i).replace(",", ",\n    ")).append(i + 1 < newestFirst.size() ? ",\n" : "\n");
        }
        Path file = dir.resolve("export.json");
        Files.writeString(file, export.append("]\n"));
        try (DetectionState state = DetectionState.open(dir.resolve("s.db"))) {
            Detector d = new Detector(Detection.rules(DELETE, BULK_DELETE), Detector.Options.defaults(), state, a -> { });
            d.read(file, "export.json", false, () -> true);
            d.finish();
            assertThat(d.alerts()).singleElement().satisfies(a -> {
                assertThat(a.rule().key()).isEqualTo("bulk-delete");
                assertThat(a.events()).extracting(AlertEvent::line).containsExactly(18L, 14L, 10L, 6L, 2L);
            });
        }
    }

    @Test
    void aLogWithTimesSlightlyOutOfOrderIsReadAsItIs() throws IOException {
        // CloudTrail-like: rising, with every fourth event a little behind the one before it.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(deletion("a" + i, i, i % 4 == 3 ? i - 2 : i));
        }
        try (DetectionState state = DetectionState.open(dir.resolve("s.db"))) {
            assertThat(run(lines, state, 0).stats().readOldestFirst()).isEmpty();
        }
    }

    @Test
    void aFollowedLogIsNeverHeldBack() throws IOException {
        List<String> newestFirst = reversed(Stream.of(0, 1, 2, 3, 4).map(m -> deletion("mallory", m, m * 120)).toList());
        Path file = Files.createTempFile(dir, "log", ".jsonl");
        Files.write(file, newestFirst, StandardCharsets.UTF_8);
        List<Alert> streamed = new ArrayList<>();
        Detector d = new Detector(Detection.rules(DELETE.replace("name: repo_deleted", "name: repo_deleted\nlevel: low")),
                Detector.Options.defaults(), null, streamed::add);
        d.read(file, "log.jsonl", true, () -> true);
        assertThat(d.stats().readOldestFirst()).isEmpty();
        assertThat(streamed).extracting(a -> a.events().get(0).line()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    /** Through the set-aside file's blocks, lines come back last first; a held probe comes back as it was read. */
    @Test
    void setAsideEventsComeBackLastFirst() {
        List<Long> lines = new ArrayList<>();
        DetectStats stats = new DetectStats();
        ReadProgress progress = new ReadProgress();
        OldestFirst order = new OldestFirst((b, o, l, line) -> {
            assertThat(new String(b, o, l, StandardCharsets.UTF_8)).isEqualTo(payload(line));
            // Progress counts the events handed on, out of all those set aside.
            assertThat(progress.reorderTotal()).isEqualTo(5_000);
            assertThat(progress.reordered()).isEqualTo(lines.size());
            lines.add(line);
        }, stats, progress, dir);
        order.startFile("big.jsonl", true);
        int n = 5_000;
        for (int i = 1; i <= n; i++) {
            byte[] bytes = ("--" + payload(i) + "--").getBytes(StandardCharsets.UTF_8);
            assertThat(order.holds(bytes, 2, bytes.length - 4, i, 1_000_000L - i)).isTrue();
        }
        order.endFile();
        assertThat(progress.reorderTotal()).isEqualTo(-1);
        assertThat(lines).hasSize(n).first().isEqualTo((long) n);
        assertThat(lines).isSortedAccordingTo(Collections.reverseOrder());
        assertThat(stats.readOldestFirst()).containsExactly("big.jsonl");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the set-aside file is deleted").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whenEventsCannotBeSetAsideEachIsStillReadOnce() {
        List<Long> lines = new ArrayList<>();
        DetectStats stats = new DetectStats();
        OldestFirst order = new OldestFirst((b, o, l, line) -> lines.add(line), stats, new ReadProgress(), dir.resolve("missing"));
        order.startFile("big.jsonl", true);
        List<Long> evaluatedNow = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            byte[] bytes = payload(i).getBytes(StandardCharsets.UTF_8);
            if (!order.holds(bytes, 0, bytes.length, i, 1_000_000L - i)) {
                evaluatedNow.add((long) i);
            }
        }
        order.endFile();
        List<Long> all = new ArrayList<>(lines);
        all.addAll(evaluatedNow);
        assertThat(all).containsExactlyInAnyOrderElementsOf(Stream.iterate(1L, i -> i + 1).limit(100).toList());
        assertThat(stats.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(InputProblem.Kind.NOT_REORDERED);
            assertThat(p.message()).contains("could not be set aside").contains("no such file");
        });
        assertThat(stats.readOldestFirst()).as("none of its events was read oldest first").isEmpty();
    }

    private static String payload(long line) {
        return "{\"n\":" + line + ",\"pad\":\"" + "p".repeat((int) (line % 900)) + "\"}";
    }
}
