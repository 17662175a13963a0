package dev.cimatrix.report.scan;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.AttackPaths;
import dev.cimatrix.paths.PathLimits;
import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

        var file = SharedData.file("schemas/sarif-schema-2.1.0.json");
        assumeTrue(Files.isRegularFile(file), "the shared SARIF schema is not at " + file);
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                .getSchema(Files.readString(file), InputFormat.JSON);
        assertThat(schema.validate(sarif)).isEmpty();
    }

    @Test
    void codeFlowsWrittenInParallelPartsAreTheTextOneGeneratorWrites() throws Exception {
        Path root = Path.of("examples", "seed-attack");
        Catalog catalog = Catalog.builtin();
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        ScanConfig config = ScanConfig.defaults();
        AnalysisResult result = new Analyzer(catalog, CheckRegistry.all(config), config, Profile.REGULAR, Set.of())
                .analyze(inventory);
        DeclaredModel model = DeclaredModelReader.read(root.resolve(DeclaredModelReader.FILE_NAME),
                DeclaredModelReader.FILE_NAME, catalog);
        List<AttackPath> paths = AttackPaths.analyse(inventory, result.findings(), model, PathLimits.DEFAULT).paths();
        assertThat(paths).isNotEmpty();
        ScanReport report = new ScanReport(inventory, result, catalog, root, "0.1.0-test",
                Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC), paths);
        String sequential = ScanSarif.render(report, Integer.MAX_VALUE, 1);
        assertThat(sequential).contains("\"codeFlows\"");
        // A part per result, and parts of three.
        assertThat(ScanSarif.render(report, 1, 1)).isEqualTo(sequential);
        assertThat(ScanSarif.render(report, 1, 3)).isEqualTo(sequential);
    }
}
