package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

import java.util.Optional;

/** What every node keeps of where it stands: its span and route, and the alias that copied it there if one did. */
abstract class LocatedNode {
    private final Location location;
    private final Location aliasSite;

    LocatedNode(Location location, Location aliasSite) {
        this.location = location;
        this.aliasSite = aliasSite;
    }

    /** See {@link YamlNode#location()}. */
    public Location location() {
        return location;
    }

    /** See {@link YamlNode#aliasSite()}. */
    public Optional<Location> aliasSite() {
        return Optional.ofNullable(aliasSite);
    }

    Location aliasSiteOrNull() {
        return aliasSite;
    }
}
