package dev.cimatrix.discover;

import java.nio.file.Path;

/**
 * A definition file to read: where it is on disk, its path relative to the scanned root ('/'-separated,
 * as reports show it), and what kind it is.
 */
public record FoundFile(Path file, String relativePath, SourceKind kind) {
}
