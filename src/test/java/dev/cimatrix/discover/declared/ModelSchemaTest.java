package dev.cimatrix.discover.declared;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema in docs/schemas describes the example model, and rejects what the reader rejects by shape. */
class ModelSchemaTest {
    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("docs", "schemas", "cimatrix-model.schema.json")), InputFormat.JSON);
    }

    @Test
    void theExampleModelConforms() throws IOException {
        String yaml = Files.readString(Path.of("examples", "seed-attack", DeclaredModelReader.FILE_NAME));
        assertThat(schema().validate(yaml, InputFormat.YAML)).isEmpty();
    }

    @Test
    void unknownKeysAndValuesDoNot() throws IOException {
        assertThat(schema().validate("componets: []\nassets: [{id: x, kind: gold}]\n", InputFormat.YAML)).hasSize(2);
    }
}
