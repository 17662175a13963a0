package dev.cimatrix.fuzz;

import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** The inputs a fuzzer once failed on, kept under a folder of test resources, each replayed as a test of its own. */
public final class FormerFindings {
    /** A check of one input. */
    public interface Check {
        void accept(byte[] input) throws Exception;
    }

    private FormerFindings() {
    }

    /** A test per file in {@code folder}, in name order; none while the fuzzer has found nothing there. */
    public static Stream<DynamicTest> replay(Path folder, Check check) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().map(file -> dynamicTest(file.getFileName().toString(),
                    () -> check.accept(Files.readAllBytes(file)))).toList().stream();
        }
    }
}
