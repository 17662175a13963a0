package dev.cimatrix.discover.yaml;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Replays every input the fuzzer (docs/fuzzing.md) once failed on, in the default build. The fuzzer takes
 * its dialect choice from the last byte, so each input is replayed with and without it, in both dialects.
 */
class FuzzRegressionTest {
    private static final Path INPUTS = Path.of("src/test/resources/yaml/fuzz-regressions");

    @TestFactory
    Stream<DynamicTest> everyFormerFindingLoadsOrFailsCleanly() throws IOException {
        try (Stream<Path> files = Files.list(INPUTS)) {
            return files.sorted().map(Path::toFile).map(file -> dynamicTest(file.getName(), () -> {
                byte[] bytes = Files.readAllBytes(file.toPath());
                byte[] withoutLast = Arrays.copyOf(bytes, Math.max(0, bytes.length - 1));
                for (YamlDialect dialect : YamlDialect.values()) {
                    LoadOutcome.loadOrFailCleanly(bytes, dialect);
                    LoadOutcome.loadOrFailCleanly(withoutLast, dialect);
                }
            })).toList().stream();
        }
    }
}
