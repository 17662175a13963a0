package dev.cimatrix.model;

/**
 * A file that was read, whether or not it could be parsed.
 *
 * @param kind what the file is for its platform: workflow, action, pipeline, …
 */
public record SourceFile(String path, Platform platform, String kind, long size) {
}
