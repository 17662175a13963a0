package dev.cimatrix.discover.yaml;

/** One key-value pair of a mapping. The key carries the same route as its value. */
public record YamlEntry(YamlScalar key, YamlNode value) {
}
