package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.SourceFile;
import dev.cimatrix.report.scan.ScanReportWriter.Format;
import dev.cimatrix.report.scan.ScanReportWriter.Options;
import dev.cimatrix.testing.SarifSchema;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every format over the real-world GitHub Actions corpus: no file is lost (each is a SARIF artifact, each that
 * failed to read is a notification with its line), and the SARIF still conforms to the official schema.
 */
class RealWorldScanTest {
    private static ScanReport report;

    @BeforeAll
    static void scan() throws Exception {
        Path corpus = SharedData.file("corpus/real-world/github-actions");
        assumeTrue(Files.isDirectory(corpus), "the real-world corpus is not at " + corpus);
        Inventory inventory = new Discovery().discover(corpus, List.of(corpus), null);
        Catalog catalog = Catalog.builtin();
        ScanConfig config = ScanConfig.defaults();
        AnalysisResult result = new Analyzer(catalog, CheckRegistry.all(config), config, Profile.REGULAR, Set.of())
                .analyze(inventory);
        report = new ScanReport(inventory, result, catalog, corpus, "0.1.0-test",
                Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void sarifListsEveryFileAndEveryProblemAndConformsToTheSchema() throws Exception {
        JsonNode sarif = ScanSarif.tree(report);
        assertThat(SarifSchema.official().validate(sarif)).isEmpty();

        JsonNode run = sarif.get("runs").get(0);
        List<String> artifacts = StreamSupport.stream(run.get("artifacts").spliterator(), false)
                .map(a -> a.get("location").get("uri").asString()).toList();
        assertThat(report.inventory().files()).hasSizeGreaterThan(2000);
        assertThat(artifacts).containsAll(report.inventory().files().stream()
                .map(SourceFile::path).map(ScanReport::relativeUri).toList());

        JsonNode notifications = run.get("invocations").get(0).get("toolExecutionNotifications");
        assertThat(notifications).hasSize(report.problems().size());
        for (JsonNode notification : notifications) {
            assertThat(notification.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
                    .isPositive();
        }
    }

    @Test
    void everyFormatWritesTheWholeCorpus() {
        for (Format format : Format.values()) {
            String out = ScanReportWriter.write(report, format, Options.plain());
            assertThat(out).as(format.name()).isNotEmpty();
        }
        String text = ScanReportWriter.write(report, Format.text, Options.plain());
        assertThat(text).contains(report.inventory().files().size() + " files scanned");
    }
}
