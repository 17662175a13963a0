package dev.cimatrix.discover;

import java.nio.file.Path;

/**
 * A definition file to read: where it is on disk, its path relative to the scanned root ('/'-separated,
 * as reports show it), what kind it is, and its size in bytes when it was found (-1 when it could not be
 * told), so that reading it asks the file system for no more than its content.
 */
public record FoundFile(Path file, String relativePath, SourceKind kind, long size) {
}
