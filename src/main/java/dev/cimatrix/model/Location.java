package dev.cimatrix.model;

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

    @Override
    public String toString() {
        return path + ":" + startLine + ":" + startColumn + (route.isEmpty() ? "" : " (" + route + ")");
    }
}
