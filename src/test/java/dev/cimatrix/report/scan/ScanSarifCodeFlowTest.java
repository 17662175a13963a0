package dev.cimatrix.report.scan;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.SarifSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In SARIF an attack path is a code flow of each finding it passes through, across files. */
class ScanSarifCodeFlowTest {
    @Test
    void theSeedPathsAreCodeFlowsOfTheUntrustedCheckout() throws IOException {
        CliRun run = CliRun.of("scan", "--format", "sarif", "--fail-on", "none", "examples/seed-attack");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sarif = Json.mapper().readTree(run.out());
        JsonNode checkout = null;
        for (JsonNode result : sarif.get("runs").get(0).get("results")) {
            if (result.get("ruleId").asString().equals("gha-untrusted-checkout") && result.has("codeFlows")) {
                checkout = result;
            }
        }
        assertThat(checkout).as("an untrusted-checkout result with code flows").isNotNull();
        assertThat(checkout.get("codeFlows")).hasSize(3);
        JsonNode steps = checkout.get("codeFlows").get(0).get("threadFlows").get(0).get("locations");
        List<String> cells = new ArrayList<>();
        List<String> files = new ArrayList<>();
        steps.forEach(s -> {
            cells.add(s.get("properties").get("cell").asString());
            files.add(s.get("location").get("physicalLocation").get("artifactLocation").get("uri").asString());
        });
        assertThat(cells).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T016", "CRED/CICD-T029",
                "EXFL/CICD-T038");
        assertThat(files).contains("cimatrix-model.yml", ".github/workflows/preview.yml");

        assertThat(SarifSchema.official().validate(sarif)).isEmpty();
    }
}
