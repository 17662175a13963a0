package dev.cimatrix.report.paths;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.paths.PathAnalysis;

/** Renders the result of {@code cimatrix paths} in one of its formats. */
public final class PathsWriter {
    /** The formats of {@code cimatrix paths --format}. */
    public enum Format { text, json, mermaid, dot }

    private PathsWriter() {
    }

    public static String write(PathAnalysis analysis, Catalog catalog, Format format) {
        return switch (format) {
            case text -> PathsText.render(analysis, catalog);
            case json -> PathsJson.render(analysis, catalog);
            case mermaid -> PathsDiagram.mermaid(analysis);
            case dot -> PathsDiagram.dot(analysis);
        };
    }
}
