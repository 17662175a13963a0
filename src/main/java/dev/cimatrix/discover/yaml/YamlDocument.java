package dev.cimatrix.discover.yaml;

import java.util.List;

/**
 * One document of a file. An empty document has a null scalar as its root.
 *
 * @param index       0-based position of the document in its file
 * @param root        the root node, whose route is empty
 * @param diagnostics problems that did not stop loading, in source order
 */
public record YamlDocument(int index, YamlNode root, List<YamlDiagnostic> diagnostics) {
    public YamlDocument {
        diagnostics = List.copyOf(diagnostics);
    }
}
