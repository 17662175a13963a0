package dev.cimatrix.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only shared data beside the project (MATRIX.md, corpora, schemas), found as ../shared. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("cimatrix.shared");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return path.toAbsolutePath().normalize();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static boolean present() {
        return Files.isRegularFile(file("MATRIX.md"));
    }
}
