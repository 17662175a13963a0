package dev.cimatrix.report.matrix;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.report.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `matrix --format json` conforms to the schema shipped in docs/schemas. */
class CatalogJsonSchemaTest {
    private static Schema schema() throws IOException {
        String text = Files.readString(Path.of("docs", "schemas", "catalog.schema.json"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(text, InputFormat.JSON);
    }

    @Test
    void outputConformsToTheSchema() throws IOException {
        JsonNode output = Json.mapper().readTree(new CatalogJson(Catalog.builtin()).render());
        List<Error> errors = schema().validate(output);
        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaRejectsABrokenDocument() throws IOException {
        ObjectNode output = new CatalogJson(Catalog.builtin()).tree();
        ((ObjectNode) output.get("techniques").get(0)).put("id", "T16");
        ((ObjectNode) output.get("controls").get(0)).put("kind", "corrective");
        output.remove("logSources");
        assertThat(schema().validate(output)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void techniqueAndControlObjectsCarryTheContractFields() {
        ObjectNode output = new CatalogJson(Catalog.builtin()).tree();
        JsonNode technique = output.get("techniques").get(15);
        assertThat(technique.get("id").asString()).isEqualTo("CICD-T016");
        for (String field : List.of("id", "name", "tactics", "description", "attack", "owasp", "controls")) {
            assertThat(technique.has(field)).as(field).isTrue();
        }
        JsonNode control = output.get("controls").get(0);
        for (String field : List.of("id", "name", "kind", "techniques", "logSources")) {
            assertThat(control.has(field)).as(field).isTrue();
        }
    }
}
