package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

/** Something wrong in a document that did not stop it from loading, such as a duplicate key. */
public record YamlDiagnostic(Location location, String message) {
}
