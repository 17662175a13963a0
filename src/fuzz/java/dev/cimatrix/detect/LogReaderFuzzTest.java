package dev.cimatrix.detect;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Feeds arbitrary bytes to the log reader as a log file; see {@link LogReadOutcome} for the properties. */
class LogReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("cimatrix-log-fuzz");
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void anyBytesReadTheSameTogetherAndAlone(FuzzedDataProvider data) {
        LogReadOutcome.check(data.consumeRemainingAsBytes(), dir);
    }
}
