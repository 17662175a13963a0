package dev.cimatrix.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Files of a fuzzing run: a scratch folder for the target, and seeds for the corpus Jazzer grows. */
public final class FuzzFiles {
    private FuzzFiles() {
    }

    public static Path scratch(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * Adds seeds to the corpus Jazzer keeps for a target ({@code .cifuzz-corpus/<class>/<method>/}), so that fuzzing
     * starts from the project's own fixtures where they live, rather than from copies of them.
     */
    public static void seed(Class<?> test, String method, Map<String, byte[]> seeds) throws IOException {
        Path corpus = Path.of(".cifuzz-corpus", test.getName(), method);
        Files.createDirectories(corpus);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(corpus.resolve("seed-" + seed.getKey()), seed.getValue());
        }
    }
}
