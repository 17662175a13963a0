package dev.cimatrix.detect;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cimatrix.fuzz.FuzzFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Path;

/** Feeds arbitrary bytes to the log reader as a log file; see {@link LogReadOutcome} for the properties. */
class LogReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = FuzzFiles.scratch("cimatrix-log-fuzz");
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        FuzzFiles.delete(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void anyBytesReadTheSameTogetherAndAlone(FuzzedDataProvider data) {
        LogReadOutcome.check(data.consumeRemainingAsBytes(), dir);
    }
}
