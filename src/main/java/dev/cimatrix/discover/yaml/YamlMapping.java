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
public final class YamlMapping extends LocatedNode implements YamlNode {
    private final String tag;
    private final List<YamlEntry> entries;

    YamlMapping(Location location, Location aliasSite, String tag, List<YamlEntry> entries) {
        super(location, aliasSite);
        this.tag = tag;
        // the builder hands over a fresh list and keeps no reference to it
        this.entries = Collections.unmodifiableList(entries);
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
        for (int i = 0, n = entries.size(); i < n; i++) {
            YamlEntry entry = entries.get(i);
            if (entry.key().text().equals(key)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public Optional<YamlNode> get(String key) {
        return Optional.ofNullable(value(key));
    }

    /*
     * The typed getters test the node's class in place: a filter and a map over the Optional would make two
     * bound method references on every call, which the JIT of a short run creates by a slow path.
     */

    /** The value when it is a mapping; empty when absent or of another kind. */
    public Optional<YamlMapping> getMapping(String key) {
        return value(key) instanceof YamlMapping mapping ? Optional.of(mapping) : Optional.empty();
    }

    /** The value when it is a sequence; empty when absent or of another kind. */
    public Optional<YamlSequence> getSequence(String key) {
        return value(key) instanceof YamlSequence sequence ? Optional.of(sequence) : Optional.empty();
    }

    /** The value when it is a scalar (null included); empty when absent or of another kind. */
    public Optional<YamlScalar> getScalar(String key) {
        return value(key) instanceof YamlScalar scalar ? Optional.of(scalar) : Optional.empty();
    }

    /** The text of a scalar value that is not null; empty when absent, null or not a scalar. */
    public Optional<String> getText(String key) {
        return value(key) instanceof YamlScalar scalar && !scalar.isNull() ? Optional.of(scalar.text()) : Optional.empty();
    }

    /** The value of a key, or null when the key is absent. By index: no iterator for each of the many lookups. */
    private YamlNode value(String key) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            YamlEntry entry = entries.get(i);
            if (entry.key().text().equals(key)) {
                return entry.value();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "mapping " + keys() + " at " + location();
    }
}
