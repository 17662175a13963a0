package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A mapping with its entries in source order. Keys are unique: of duplicates the first is kept (the
 * document reports the others as diagnostics). Lookups scan the entries, which for the small mappings of CI
 * files is cheaper than building an index per node.
 */
public final class YamlMapping implements YamlNode {
    private final Location location;
    private final Location aliasSite;
    private final String tag;
    private final List<YamlEntry> entries;

    YamlMapping(Location location, Location aliasSite, String tag, List<YamlEntry> entries) {
        this.location = location;
        this.aliasSite = aliasSite;
        this.tag = tag;
        // the builder hands over a fresh list and keeps no reference to it
        this.entries = Collections.unmodifiableList(entries);
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public Optional<Location> aliasSite() {
        return Optional.ofNullable(aliasSite);
    }

    Location aliasSiteOrNull() {
        return aliasSite;
    }

    @Override
    public String tag() {
        return tag;
    }

    public List<YamlEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>(entries.size());
        for (YamlEntry entry : entries) {
            keys.add(entry.key().text());
        }
        return keys;
    }

    public boolean containsKey(String key) {
        return entry(key).isPresent();
    }

    /** The entry for a key, to point at the key itself rather than its value. */
    public Optional<YamlEntry> entry(String key) {
        for (YamlEntry entry : entries) {
            if (entry.key().text().equals(key)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public Optional<YamlNode> get(String key) {
        for (YamlEntry entry : entries) {
            if (entry.key().text().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    /** The value when it is a mapping; empty when absent or of another kind. */
    public Optional<YamlMapping> getMapping(String key) {
        return get(key).filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }

    /** The value when it is a sequence; empty when absent or of another kind. */
    public Optional<YamlSequence> getSequence(String key) {
        return get(key).filter(YamlSequence.class::isInstance).map(YamlSequence.class::cast);
    }

    /** The value when it is a scalar (null included); empty when absent or of another kind. */
    public Optional<YamlScalar> getScalar(String key) {
        return get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast);
    }

    /** The text of a scalar value that is not null; empty when absent, null or not a scalar. */
    public Optional<String> getText(String key) {
        return getScalar(key).filter(s -> !s.isNull()).map(YamlScalar::text);
    }

    @Override
    public String toString() {
        return "mapping " + keys() + " at " + location;
    }
}
