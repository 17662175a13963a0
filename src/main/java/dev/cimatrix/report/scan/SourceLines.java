package dev.cimatrix.report.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of scanned files, read once each, for source excerpts. A file that is gone, unreadable, outside
 * the root or too large to be a pipeline definition simply has no excerpt: the finding still prints.
 */
final class SourceLines {
    /** Pipeline definitions are far smaller; a larger file is not worth holding in memory for an excerpt. */
    private static final long MAX_BYTES = 2L * 1024 * 1024;

    private final Path root;
    private final Map<String, Optional<List<String>>> cache = new HashMap<>();

    SourceLines(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Line {@code number} (1-based) of a root-relative path, without its line break. */
    Optional<String> line(String path, int number) {
        return cache.computeIfAbsent(path, this::read)
                .filter(lines -> number >= 1 && number <= lines.size())
                .map(lines -> lines.get(number - 1));
    }

    private Optional<List<String>> read(String path) {
        Path file = root.resolve(path).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            // Decoding replaces malformed bytes, so a file with invalid UTF-8 still shows its other lines.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return Optional.of(List.of(text.split("\r\n|\r|\n", -1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
