package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.AliasUse;

import java.util.List;

/**
 * One document of a file. An empty document has a null scalar as its root.
 *
 * @param index       0-based position of the document in its file
 * @param root        the root node, whose route is empty
 * @param diagnostics problems that did not stop loading, in source order
 * @param aliasUses   the aliases that copy a node as a value or a list item, in source order (not those used as
 *                    mapping keys, whose route is also that of the value beside them)
 */
public record YamlDocument(int index, YamlNode root, List<YamlDiagnostic> diagnostics, List<AliasUse> aliasUses) {
    public YamlDocument {
        diagnostics = List.copyOf(diagnostics);
        aliasUses = List.copyOf(aliasUses);
    }
}
