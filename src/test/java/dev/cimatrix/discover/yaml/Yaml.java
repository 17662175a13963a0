package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;

/** Test helpers: load text, walk to a node by keys and indexes, print a span compactly. */
final class Yaml {
    static final YamlLoader LOADER = new YamlLoader();

    private Yaml() {
    }

    static YamlNode root(String yaml) {
        return root(yaml, YamlDialect.GITHUB);
    }

    static YamlNode root(String yaml, YamlDialect dialect) {
        return load(yaml, dialect).documents().get(0).root();
    }

    static YamlDocumentSet load(String yaml, YamlDialect dialect) {
        try {
            return LOADER.parse("test.yml", yaml, dialect);
        } catch (YamlLoadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Follows keys (strings) and indexes (integers) from a node. */
    static YamlNode at(YamlNode node, Object... path) {
        YamlNode current = node;
        for (Object step : path) {
            if (step instanceof Integer index) {
                current = ((YamlSequence) current).get(index);
            } else {
                current = ((YamlMapping) current).get((String) step).orElseThrow(() -> new AssertionError("no key " + step));
            }
        }
        return current;
    }

    static YamlScalar scalar(YamlNode node, Object... path) {
        return (YamlScalar) at(node, path);
    }

    /** "startLine:startColumn-endLine:endColumn", the span without path and route. */
    static String span(Location location) {
        return location.startLine() + ":" + location.startColumn() + "-" + location.endLine() + ":" + location.endColumn();
    }

    static String span(YamlNode node) {
        return span(node.location());
    }
}
