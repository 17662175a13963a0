package dev.cimatrix.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cimatrix.store.DetectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Arbitrary bytes as a log through the whole built-in rule pack, with one baseline store for the whole run, as a
 * long-lived deployment has; see {@link DetectOutcome}. Seeded with the pack's test events, one log per rule.
 */
class DetectFuzzTest {
    private static final Path RULE_EVENTS = Path.of("src/test/resources/rules");
    private static Path dir;
    private static DetectionState state;

    @BeforeAll
    static void prepare() throws IOException {
        dir = FuzzFiles.scratch("cimatrix-detect-fuzz");
        state = DetectionState.open(dir.resolve("state.db"));
        ObjectMapper json = JsonMapper.builder().build();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(RULE_EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".events.jsonl")).sorted().toList()) {
                // Each line is {"expect": …, "event": {…}}: the seed is the events alone, as a log holds them.
                StringBuilder log = new StringBuilder();
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        log.append(json.readTree(line).get("event")).append('\n');
                    }
                }
                seeds.put(RULE_EVENTS.relativize(file).toString().replace('/', '-'),
                        log.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        FuzzFiles.seed(DetectFuzzTest.class, "anyLogDetectsCleanly", seeds);
    }

    @AfterAll
    static void close() throws IOException {
        state.close();
        FuzzFiles.delete(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void anyLogDetectsCleanly(FuzzedDataProvider data) throws IOException {
        DetectOutcome.detectCleanly(data.consumeRemainingAsBytes(), dir, state);
    }
}
