package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.CheckFixturesTest;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SecretsInArtifactCheckTest {
    private static final Path FIXTURES = Path.of("src/test/resources/checks/gha-secrets-in-artifact");

    /**
     * A key that outlives the run is high; federation's file, usable while the job runs, medium. A file named by the
     * upload is of high confidence; one taken with the whole workspace, or hidden at an upload of unknown version,
     * medium.
     */
    @Test
    void severityFollowsWhatLeaksAndConfidenceHowTheUploadTakesIt() throws Exception {
        List<Finding> findings = new Analyzer(Catalog.builtin(), List.of(new SecretsInArtifactCheck()),
                ScanConfig.defaults(), Profile.AUDITOR, Set.of())
                .analyze(CheckFixturesTest.read(FIXTURES)).findings();
        assertThat(findings).filteredOn(f -> f.location().path().equals("google-auth.yml"))
                .extracting(f -> f.location().startLine(), Finding::severity, Finding::confidence, f -> f.properties().get("secrets"))
                .containsExactly(
                        tuple(13, Severity.HIGH, Confidence.MEDIUM, "GCP_SA_KEY"),
                        tuple(47, Severity.HIGH, Confidence.HIGH, "ANALYTICS_KEY"),
                        tuple(55, Severity.MEDIUM, Confidence.HIGH, ""));
        assertThat(findings).filteredOn(f -> f.location().path().equals("dumped-secrets.yml"))
                .extracting(f -> f.properties().get("secrets")).containsExactly("*", "API_KEY");
        assertThat(findings).filteredOn(f -> f.location().path().equals("key-files.yml"))
                .extracting(f -> f.location().startLine(), Finding::confidence).containsExactly(
                        tuple(9, Confidence.HIGH), tuple(54, Confidence.MEDIUM), tuple(61, Confidence.MEDIUM),
                        tuple(69, Confidence.HIGH));
    }
}
