package dev.cimatrix.report.scan;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `scan --format json` conforms to the schema shipped in docs/schemas and carries the contract fields. */
class ScanJsonTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("docs", "schemas", "scan.schema.json")), InputFormat.JSON);
    }

    @Test
    void outputConformsToTheSchema() {
        assertThat(schema.validate(ScanJson.tree(SampleScan.report()))).isEmpty();
    }

    @Test
    void anEmptyScanWithACheckFailureConformsToo() {
        ReadProblem failure = new ReadProblem(Location.line(SampleScan.CLEAN, 1, ""), "check x failed", false);
        ScanReport report = SampleScan.report(SampleScan.ROOT, List.of(), List.of(), List.of(failure));
        ObjectNode json = ScanJson.tree(report);
        assertThat(schema.validate(json)).isEmpty();
        assertThat(json.get("problems").get(0).get("kind").asString()).isEqualTo("check-failure");
        assertThat(json.get("summary").get("findings").asInt()).isZero();
    }

    @Test
    void theSchemaRejectsABrokenDocument() {
        ObjectNode json = ScanJson.tree(SampleScan.report());
        ((ObjectNode) json.get("findings").get(0)).put("severity", "severe");
        ((ObjectNode) json.get("findings").get(1).get("location")).put("startLine", 0);
        json.remove("checks");
        assertThat(schema.validate(json)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void summaryCountsEverySeverityAndTacticAndWhatWasLeftOut() {
        JsonNode summary = ScanJson.tree(SampleScan.report()).get("summary");
        assertThat(summary.get("files").asInt()).isEqualTo(4);
        assertThat(summary.get("workflows").asInt()).isEqualTo(3);
        assertThat(summary.get("findings").asInt()).isEqualTo(5);
        assertThat(summary.get("bySeverity").get("critical").asInt()).isEqualTo(1);
        assertThat(summary.get("bySeverity").get("info").asInt()).isZero();
        assertThat(summary.get("byTactic").propertyNames()).containsExactly("INIT", "EXEC", "PERS", "CRED");
        assertThat(summary.get("byTactic").get("EXEC").asInt()).isEqualTo(3);
        assertThat(summary.get("suppressed").asInt()).isEqualTo(1);
        assertThat(summary.get("baselined").asInt()).isEqualTo(2);
        assertThat(summary.get("problems").asInt()).isEqualTo(1);
    }

    @Test
    void findingsCarryLocationCellsAndFingerprint() {
        JsonNode json = ScanJson.tree(SampleScan.report());
        JsonNode injection = json.get("findings").get(1);
        assertThat(injection.get("check").asString()).isEqualTo("gha-template-injection");
        assertThat(injection.get("location").get("route").asString()).isEqualTo("jobs.test.steps[2].run");
        assertThat(injection.get("techniques").get(1).asString()).isEqualTo("CICD-T016");
        assertThat(injection.get("tactics").get(0).asString()).isEqualTo("INIT");
        assertThat(injection.get("related").get(0).get("message").asString()).contains("pull_request_target");
        assertThat(injection.get("properties").propertyNames()).containsExactly("source", "trigger");
        assertThat(json.get("checks")).hasSize(6);
        assertThat(json.get("checks").get(0).asString()).isEqualTo("gha-hardcoded-credential");
    }
}
