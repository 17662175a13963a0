package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

import java.util.Optional;

/**
 * One node of a loaded YAML document. Its location spans the node in the source (including an anchor or
 * tag written before it) and carries the route from the document root, such as
 * {@code jobs.build.steps[2].with.ref}.
 */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    Location location();

    /** The route from the document root; empty for the root itself. */
    default String route() {
        return location().route();
    }

    /**
     * The resolved tag in full form ({@code tag:yaml.org,2002:str}, {@code tag:yaml.org,2002:map}, ...) or a
     * custom tag as written ({@code !reference}).
     */
    String tag();

    /**
     * Where the alias (or merge key) stands that copied this node here, when the node was reached through
     * one. The node's own span then still points at the anchored original, so a finding can show both.
     */
    Optional<Location> aliasSite();
}
