package dev.cimatrix.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The output format when {@code --format} is not given: the one the {@code -o} file's name ends with
 * ({@code -o cimatrix.sarif} writes SARIF), else the command's default. Writing text into a file named
 * {@code .sarif} only fails later, at the upload.
 */
final class FormatByName {
    private FormatByName() {
    }

    /**
     * {@code given} if set; else the format of {@code output}'s ending in {@code byEnding} (".sarif" to sarif,
     * compared without case); else {@code fallback}. With no fallback, the format must be given or told.
     */
    static <F extends Enum<F>> F resolve(F given, Path output, Map<String, F> byEnding, F fallback) {
        if (given != null) {
            return given;
        }
        if (output != null && output.getFileName() != null) {
            String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, F> ending : byEnding.entrySet()) {
                if (name.endsWith(ending.getKey())) {
                    return ending.getValue();
                }
            }
        }
        if (fallback != null) {
            return fallback;
        }
        String endings = byEnding.keySet().stream().sorted().collect(Collectors.joining(", "));
        throw new UsageException("give --format, or an -o file whose name ends in " + endings
                + (output == null ? "" : " (not " + output.getFileName() + ")"));
    }
}
