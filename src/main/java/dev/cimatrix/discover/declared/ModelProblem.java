package dev.cimatrix.discover.declared;

import dev.cimatrix.model.Location;

/** One mistake in a threat-model file, with the line and column where it is. */
public record ModelProblem(Location location, String message) {
    @Override
    public String toString() {
        return location.path() + ":" + location.startLine() + ":" + location.startColumn() + ": " + message;
    }
}
