package dev.cimatrix.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The official SARIF 2.1.0 schema from {@code ../shared/schemas}; a test that needs it is skipped without it. */
public final class SarifSchema {
    private SarifSchema() {
    }

    /** The schema declares draft-04 and names itself with draft-04's {@code id}. */
    public static Schema official() {
        var file = SharedData.file("schemas/sarif-schema-2.1.0.json");
        assumeTrue(Files.isRegularFile(file), "the shared SARIF schema is not at " + file);
        return load(file);
    }

    /**
     * The schema when {@code ../shared} is there, else empty: for a test whose other checks hold without it, so that
     * they still run on a clone of this repository alone.
     */
    public static java.util.Optional<Schema> ifPresent() {
        var file = SharedData.file("schemas/sarif-schema-2.1.0.json");
        return Files.isRegularFile(file) ? java.util.Optional.of(load(file)) : java.util.Optional.empty();
    }

    private static Schema load(java.nio.file.Path file) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(Files.readString(file), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
