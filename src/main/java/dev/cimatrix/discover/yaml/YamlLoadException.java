package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

/**
 * A file that yields no documents: too large, not text, not valid UTF-8, not valid YAML, or over a limit.
 * Carries the file, the 1-based line and column where reading stopped, and a one-line reason.
 */
public final class YamlLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String reason;

    public YamlLoadException(Location location, String reason) {
        super(location.path() + ":" + location.startLine() + ":" + location.startColumn() + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    static YamlLoadException at(String path, int line, int column, String reason) {
        return new YamlLoadException(new Location(path, line, column, line, column, ""), reason);
    }

    public Location location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
