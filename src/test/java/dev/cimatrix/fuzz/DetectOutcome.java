package dev.cimatrix.fuzz;

import dev.cimatrix.detect.Detector;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.report.alerts.AlertJson;
import dev.cimatrix.report.alerts.AlertSarif;
import dev.cimatrix.report.alerts.AlertText;
import dev.cimatrix.report.alerts.DetectionResult;
import dev.cimatrix.store.DetectionState;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The property the detection fuzzer checks (docs/fuzzing.md), shared with the test that replays its findings: any
 * bytes as a log go through the whole built-in rule pack, with a baseline store, and into every alert format without
 * an exception, and the JSON report is valid JSON whose events each parse.
 */
public final class DetectOutcome {
    private static final RuleSet PACK = RuleSet.builder().builtin().build();
    private static final RuleCells CELLS = RuleCells.builtin();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DetectOutcome() {
    }

    /** Runs the pack over {@code bytes} as {@code fuzz.jsonl} under {@code dir}, with {@code state} (or none). */
    public static void detectCleanly(byte[] bytes, Path dir, DetectionState state) throws IOException {
        Path log = Files.write(dir.resolve("fuzz.jsonl"), bytes);
        Detector detector = new Detector(PACK, Detector.Options.defaults(), state, alert -> { });
        detector.read(log, "fuzz.jsonl", false, () -> true);
        detector.finish();
        DetectionResult result = new DetectionResult(detector.alerts(), detector.stats(), PACK.refused());
        new AlertText(CELLS).render(result);
        new AlertSarif(result, PACK.rules(), CELLS, "fuzz").render();
        var report = JSON.readTree(new AlertJson(CELLS).render(result));
        for (var alert : report.get("alerts")) {
            for (var event : alert.get("events")) {
                if (!event.get("event").isObject()) {
                    throw new AssertionError("an alert event that is not an object: " + event);
                }
            }
        }
    }
}
