package dev.cimatrix.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Arbitrary bytes as a workflow, action or Terraform file through the whole scan; see {@link ScanOutcome}. */
class ScanFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("cimatrix-scan-fuzz");
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
    void anyFileScansCleanly(FuzzedDataProvider data) throws IOException {
        ScanOutcome.As as = data.pickValue(ScanOutcome.As.values());
        ScanOutcome.scanCleanly(data.consumeRemainingAsBytes(), as, dir);
    }
}
