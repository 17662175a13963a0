package dev.cimatrix.discover.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documents of one file, with the decoded text they came from (byte-order mark removed), so that
 * reports can quote lines and inline suppression comments can be read without reading the file again.
 */
public record YamlDocumentSet(String path, String text, List<YamlDocument> documents) {
    public YamlDocumentSet {
        documents = List.copyOf(documents);
    }

    /** The root of the first document, for formats that hold one document per file. */
    public Optional<YamlNode> firstRoot() {
        return documents.isEmpty() ? Optional.empty() : Optional.of(documents.get(0).root());
    }

    /** The diagnostics of all documents. */
    public List<YamlDiagnostic> diagnostics() {
        List<YamlDiagnostic> all = new ArrayList<>();
        for (YamlDocument document : documents) {
            all.addAll(document.diagnostics());
        }
        return all;
    }
}
