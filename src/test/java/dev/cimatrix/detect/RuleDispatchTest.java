package dev.cimatrix.detect;

import dev.cimatrix.report.alerts.AlertJson;
import dev.cimatrix.report.alerts.DetectionResult;
import dev.cimatrix.store.DetectionState;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Indexing rules by the value they require must never change which rules fire, nor their order. */
class RuleDispatchTest {
    private static final String EITHER = """
            title: either branch
            id: either
            logsource: {product: github, service: audit}
            detection:
              sel_one: {action: x.y, f: 1}
              sel_two: {action: [p.q, r.s], g: 2}
              condition: sel_one or sel_two
            """;
    private static final String PLAIN = """
            title: plain
            id: plain
            logsource: {product: github, service: audit}
            detection:
              selection: {action: p.q}
              condition: selection
            """;
    private static final String ANY_ACTION = """
            title: any action with zz
            id: any
            logsource: {product: github, service: audit}
            detection:
              selection: {f|contains: zz}
              condition: selection
            """;

    @TempDir
    Path dir;

    private List<String> fired(String event) {
        return Detection.alerts(Detection.rules(ANY_ACTION, EITHER, PLAIN), dir, event).stream()
                .map(a -> a.rule().key()).toList();
    }

    @Test
    void orBranchesOnTheSameFieldAreIndexedTogether() {
        assertThat(fired("{\"action\":\"X.Y\",\"actor\":\"a\",\"f\":\"1\"}")).containsExactly("either");
        assertThat(fired("{\"action\":\"r.s\",\"actor\":\"a\",\"g\":\"2\"}")).containsExactly("either");
        assertThat(fired("{\"action\":\"p.q\",\"actor\":\"a\",\"g\":\"2\",\"f\":\"zz\"}"))
                .containsExactly("any", "either", "plain");
        assertThat(fired("{\"action\":\"x.y\",\"actor\":\"a\",\"g\":\"2\"}")).isEmpty();
    }

    @Test
    void eventsWithoutTheFieldOrWithSeveralValuesStillReachEveryRuleThatCanMatch() {
        Detector.Options forced = new Detector.Options(EventSource.GITHUB_AUDIT, 0, 3_600_000L,
                LogReader.DEFAULT_MAX_EVENT_BYTES);
        RuleSet rules = Detection.rules(ANY_ACTION, EITHER, PLAIN);
        assertThat(Detection.run(rules, forced, dir, "{\"f\":\"zz\"}").alerts())
                .extracting(a -> a.rule().key()).containsExactly("any");
        assertThat(Detection.run(rules, forced, dir, "{\"action\":[\"z.z\",\"p.q\"],\"f\":\"zz\"}").alerts())
                .extracting(a -> a.rule().key()).containsExactly("any", "plain");
    }

    /**
     * The whole built-in pack over every real sample, indexed and with every rule tested on every event: the JSON
     * reports (alerts, events with file and line, matched fields, group keys, stats) must be the same text.
     */
    @Test
    void indexedDispatchGivesTheSameReportAsTestingEveryRuleOnTheRealSamples() throws IOException {
        assumeTrue(SharedData.present(), "../shared is not available");
        List<Path> files;
        try (Stream<Path> list = Files.list(SharedData.file("corpus/audit-logs"))) {
            files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (long window : new long[] {0, Detector.Options.defaults().dedupWindowMillis()}) {
            Detector.Options options = new Detector.Options(null, 0, window, LogReader.DEFAULT_MAX_EVENT_BYTES);
            String indexed = report(RuleSet.builder().builtin().build(true), options, files, "indexed");
            String every = report(RuleSet.builder().builtin().build(false), options, files, "every");
            assertThat(indexed).contains("\"rule\"");
            assertThat(indexed).isEqualTo(every);
        }
    }

    private String report(RuleSet rules, Detector.Options options, List<Path> files, String name) {
        try (DetectionState state = DetectionState.open(dir.resolve(name + options.dedupWindowMillis() + ".db"))) {
            Detector detector = new Detector(rules, options, state, a -> { });
            for (Path f : files) {
                detector.read(f, f.getFileName().toString(), false, () -> true);
            }
            detector.finish();
            return new AlertJson(RuleCells.builtin())
                    .render(new DetectionResult(detector.alerts(), detector.stats(), rules.refused()));
        }
    }
}
