package dev.cimatrix.paths;

import dev.cimatrix.model.Location;

import java.util.Map;
import java.util.TreeMap;

/**
 * A node of the attack graph.
 *
 * @param id         stable and unique, such as {@code job:.github/workflows/ci.yml#build}; outputs use it as key
 * @param label      short human name
 * @param location   where the node is defined, or null for nodes with no file (a persona, an inferred repository)
 * @param attributes facts about the node for readers (exposure, criticality, scopes), sorted by key
 */
public record Node(String id, NodeKind kind, String label, Location location, Map<String, String> attributes) {
    public Node {
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    /** The impact weight of an asset, from its criticality (0.25 for low to 1.0 for critical). */
    public double impact() {
        return Criticality.parse(attributes.getOrDefault("criticality", "medium")).weight();
    }
}
