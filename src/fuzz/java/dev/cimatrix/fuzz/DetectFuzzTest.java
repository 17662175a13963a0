package dev.cimatrix.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cimatrix.store.DetectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Arbitrary bytes as a log through the whole built-in rule pack, with one baseline store for the whole run, as a
 * long-lived deployment has; see {@link DetectOutcome}.
 */
class DetectFuzzTest {
    private static Path dir;
    private static DetectionState state;

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("cimatrix-detect-fuzz");
        state = DetectionState.open(dir.resolve("state.db"));
    }

    @AfterAll
    static void close() throws IOException {
        state.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyLogDetectsCleanly(FuzzedDataProvider data) throws IOException {
        DetectOutcome.detectCleanly(data.consumeRemainingAsBytes(), dir, state);
    }
}
