package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

import java.util.Collections;
import java.util.List;

/** A sequence with its items in source order; item routes end in {@code [index]}, counting from 0. */
public final class YamlSequence extends LocatedNode implements YamlNode {
    private final String tag;
    private final List<YamlNode> items;

    YamlSequence(Location location, Location aliasSite, String tag, List<YamlNode> items) {
        super(location, aliasSite);
        this.tag = tag;
        // the builder hands over a fresh list and keeps no reference to it
        this.items = Collections.unmodifiableList(items);
    }

    @Override
    public String tag() {
        return tag;
    }

    public List<YamlNode> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int index) {
        return items.get(index);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String toString() {
        return "sequence of " + items.size() + " at " + location();
    }
}
