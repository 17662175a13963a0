package dev.cimatrix.model;

import java.util.Objects;

/**
 * Where a fact comes from: a file (relative to the scanned root, with '/' separators), a span of 1-based
 * lines and columns (end inclusive of the last character), and the route to the node inside the document,
 * such as {@code jobs.build.steps[2].with.ref}. Route is empty for a whole document.
 */
public record Location(String path, int startLine, int startColumn, int endLine, int endColumn, String route) {
    public Location {
        if (startLine < 1 || startColumn < 1 || endLine < startLine || (endLine == startLine && endColumn < startColumn)) {
            throw new IllegalArgumentException("invalid span " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
        }
        route = route == null ? "" : route;
    }

    /** A location covering only the given line, for facts without a finer span. */
    public static Location line(String path, int line, String route) {
        return new Location(path, line, 1, line, 1, route);
    }

    public Location withRoute(String newRoute) {
        return new Location(path, startLine, startColumn, endLine, endColumn, newRoute);
    }

    public boolean contains(int line) {
        return line >= startLine && line <= endLine;
    }

    /*
     * Written out, with the record's own formula, because locations are the commonest map key: the generated
     * methods are linked on first use, milliseconds of start-up on each thread that gets there first.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Location l && startLine == l.startLine && startColumn == l.startColumn
                && endLine == l.endLine && endColumn == l.endColumn && Objects.equals(path, l.path)
                && route.equals(l.route);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(path);
        h = 31 * h + startLine;
        h = 31 * h + startColumn;
        h = 31 * h + endLine;
        h = 31 * h + endColumn;
        return 31 * h + route.hashCode();
    }

    @Override
    public String toString() {
        return path + ":" + startLine + ":" + startColumn + (route.isEmpty() ? "" : " (" + route + ")");
    }
}
