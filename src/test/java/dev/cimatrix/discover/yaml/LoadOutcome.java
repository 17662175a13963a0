package dev.cimatrix.discover.yaml;

/**
 * The property the fuzzer checks, shared with the regression tests that replay its findings: any bytes
 * either load or fail with {@link YamlLoadException} (nothing else escapes), and every loaded scalar can be
 * located and resolved.
 */
final class LoadOutcome {
    private static final YamlLoader LOADER = new YamlLoader();

    private LoadOutcome() {
    }

    static void loadOrFailCleanly(byte[] bytes, YamlDialect dialect) {
        try {
            resolveAndLocateEveryScalar(LOADER.load("fuzz.yml", bytes, dialect));
        } catch (YamlLoadException expected) {
            // a clear error for this file is the other allowed outcome
        }
    }

    static void resolveAndLocateEveryScalar(YamlDocumentSet documents) {
        for (YamlDocument document : documents.documents()) {
            visit(document.root());
        }
    }

    private static void visit(YamlNode node) {
        if (node instanceof YamlScalar scalar) {
            scalar.tag();
            scalar.asNumber();
            scalar.asBoolean();
            int length = scalar.text().length();
            if (length > 0) {
                scalar.locate(0, length);
                scalar.locate(length - 1, 1);
            }
        } else if (node instanceof YamlMapping mapping) {
            for (YamlEntry entry : mapping.entries()) {
                visit(entry.key());
                visit(entry.value());
            }
        } else {
            for (YamlNode item : ((YamlSequence) node).items()) {
                visit(item);
            }
        }
    }
}
