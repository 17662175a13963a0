package dev.cimatrix.report.scan;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.report.Json;
import dev.cimatrix.testing.SarifSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SARIF output against the official 2.1.0 schema, and the parts of it GitHub code scanning relies on
 * that the schema does not enforce.
 */
class ScanSarifTest {
    private static Schema schema;
    private final ScanReport report = SampleScan.report();
    private final JsonNode sarif = ScanSarif.tree(report);
    private final JsonNode run = sarif.get("runs").get(0);

    @BeforeAll
    static void loadSchema() {
        schema = SarifSchema.official();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void conformsToTheOfficialSchema() {
        List<Error> errors = schema.validate(sarif);
        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaCatchesABrokenLog() {
        ObjectNode broken = ScanSarif.tree(report);
        ObjectNode region = (ObjectNode) broken.get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation").get("region");
        region.put("startLine", 0);
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyCheckThatRanIsARuleWithTheMetadataCodeScanningReads() {
        List<JsonNode> rules = list(run.get("tool").get("driver").get("rules"));
        assertThat(rules).extracting(r -> r.get("id").asString())
                .containsExactly("gha-hardcoded-credential", "gha-known-compromised-action", "gha-missing-permissions",
                        "gha-template-injection", "gha-unpinned-action", "gha-untrusted-checkout");
        JsonNode injection = rules.get(3);
        assertThat(injection.get("name").asString()).isEqualTo("GhaTemplateInjection");
        assertThat(injection.get("helpUri").asString()).isEqualTo("https://cimatrix.dev/checks/gha-template-injection");
        assertThat(injection.get("help").get("markdown").asString()).contains("## Remediation", "Do the safe thing");
        assertThat(injection.get("defaultConfiguration").get("level").asString()).isEqualTo("error");
        JsonNode properties = injection.get("properties");
        assertThat(list(properties.get("tags"))).extracting(JsonNode::asString)
                .containsExactly("security", "CICD-T004", "CICD-T016", "INIT", "EXEC");
        assertThat(properties.get("security-severity").isString()).isTrue();
        assertThat(properties.get("security-severity").asString()).isEqualTo("8.0");
        assertThat(list(injection.get("relationships"))).extracting(r -> r.get("target").get("id").asString())
                .containsExactly("CICD-T004", "CICD-T016");
    }

    @Test
    void resultsPointIntoRulesArtifactsAndTaxaByIndex() {
        List<JsonNode> rules = list(run.get("tool").get("driver").get("rules"));
        List<JsonNode> artifacts = list(run.get("artifacts"));
        List<JsonNode> taxa = list(run.get("taxonomies").get(0).get("taxa"));
        for (JsonNode result : run.get("results")) {
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asString())
                    .isEqualTo(result.get("ruleId").asString());
            List<JsonNode> locations = new ArrayList<>(list(result.get("locations")));
            assertThat(locations).hasSize(1);
            locations.addAll(list(result.get("relatedLocations")));
            for (JsonNode location : locations) {
                JsonNode artifact = location.get("physicalLocation").get("artifactLocation");
                assertThat(artifacts.get(artifact.get("index").asInt()).get("location").get("uri").asString())
                        .isEqualTo(artifact.get("uri").asString());
            }
        }
        for (JsonNode rule : rules) {
            for (JsonNode relationship : rule.get("relationships")) {
                JsonNode target = relationship.get("target");
                assertThat(taxa.get(target.get("index").asInt()).get("id").asString()).isEqualTo(target.get("id").asString());
                assertThat(target.get("toolComponent").get("name").asString()).isEqualTo("CI/CD threat matrix");
            }
        }
        assertThat(run.get("tool").get("driver").get("supportedTaxonomies").get(0).get("guid").asString())
                .isEqualTo(run.get("taxonomies").get(0).get("guid").asString());
        assertThat(taxa).extracting(t -> t.get("id").asString())
                .containsExactly("CICD-T004", "CICD-T006", "CICD-T016", "CICD-T029");
    }

    @Test
    void locationsAreRelativeAndOneBasedWithAnExclusiveEndColumn() {
        JsonNode injection = list(run.get("results")).stream()
                .filter(r -> r.get("ruleId").asString().equals("gha-template-injection")).findFirst().orElseThrow();
        JsonNode physical = injection.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asString()).isEqualTo(".github/workflows/ci.yml");
        assertThat(physical.get("artifactLocation").get("uriBaseId").asString()).isEqualTo("%SRCROOT%");
        JsonNode region = physical.get("region");
        assertThat(List.of(region.get("startLine").asInt(), region.get("startColumn").asInt(),
                region.get("endLine").asInt(), region.get("endColumn").asInt())).containsExactly(16, 28, 16, 66);
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asString()).startsWith("file:/").endsWith("/");
        for (JsonNode result : run.get("results")) {
            String uri = result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString();
            assertThat(uri).doesNotStartWith("/").doesNotContain(":");
        }
    }

    @Test
    void everyResultCarriesFingerprintLevelAndMatrixProperties() {
        for (JsonNode result : run.get("results")) {
            assertThat(result.get("partialFingerprints").get("cimatrix/v1").asString()).isNotBlank();
            JsonNode properties = result.get("properties");
            assertThat(properties.get("severity").asString()).isIn("critical", "high", "medium", "low", "info");
            assertThat(properties.get("confidence").asString()).isIn("high", "medium", "low");
            assertThat(list(properties.get("techniques"))).allMatch(t -> t.asString().matches("CICD-T\\d{3}"));
            assertThat(properties.get("tactics").isArray()).isTrue();
        }
        assertThat(list(run.get("results"))).extracting(r -> r.get("level").asString())
                .containsExactly("error", "error", "warning", "error", "note");
        JsonNode injection = run.get("results").get(1);
        assertThat(injection.get("properties").get("facts").get("trigger").asString()).isEqualTo("pull_request_target");
        assertThat(injection.get("relatedLocations").get(0).get("message").get("text").asString())
                .contains("pull_request_target");
    }

    @Test
    void everyFileReadIsAnArtifactAndEveryProblemANotificationWithItsLine() {
        assertThat(list(run.get("artifacts"))).extracting(a -> a.get("location").get("uri").asString())
                .containsExactlyElementsOf(report.inventory().files().stream().map(f -> f.path()).toList());
        JsonNode invocation = run.get("invocations").get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isTrue();
        assertThat(invocation.get("endTimeUtc").asString()).isEqualTo("2026-11-22T12:00:00Z");
        JsonNode notification = invocation.get("toolExecutionNotifications").get(0);
        assertThat(notification.get("level").asString()).isEqualTo("error");
        assertThat(notification.get("message").get("text").asString()).startsWith("could not parse");
        JsonNode physical = notification.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asString()).isEqualTo(SampleScan.BROKEN);
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(4);
    }

    @Test
    void aFailedCheckMakesTheRunUnsuccessfulAndAPartialReadAWarning() {
        ReadProblem failure = new ReadProblem(Location.line(SampleScan.CLEAN, 1, ""),
                "check gha-missing-permissions failed on this file: java.lang.IllegalStateException", false);
        ReadProblem partial = new ReadProblem(new Location("odd dir/a:b.yml", 2, 1, 2, 5, ""), "duplicate key", false);
        ScanReport failed = SampleScan.report(SampleScan.ROOT, SampleScan.findings(),
                List.of(SampleScan.readProblems().get(0), partial), List.of(failure));
        JsonNode log = ScanSarif.tree(failed);
        assertThat(schema.validate(log)).isEmpty();
        JsonNode invocation = log.get("runs").get(0).get("invocations").get(0);
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(list(invocation.get("toolExecutionNotifications")))
                .extracting(n -> n.get("descriptor").get("id").asString() + " " + n.get("level").asString())
                .containsExactly("read-problem error", "check-failure error", "read-problem warning");
        Set<String> uris = list(log.get("runs").get(0).get("artifacts")).stream()
                .map(a -> a.get("location").get("uri").asString()).collect(Collectors.toSet());
        assertThat(uris).contains("odd%20dir/a%3Ab.yml");
    }

    @Test
    void aScanWithoutFindingsStillListsItsRulesAndFiles() {
        ScanReport empty = SampleScan.report(SampleScan.ROOT, List.<Finding>of(), List.of(), List.of());
        JsonNode log = ScanSarif.tree(empty);
        assertThat(schema.validate(log)).isEmpty();
        assertThat(log.get("runs").get(0).get("results")).isEmpty();
        assertThat(log.get("runs").get(0).get("tool").get("driver").get("rules")).hasSize(6);
        assertThat(log.get("runs").get(0).get("artifacts")).hasSize(4);
    }

    @Test
    void aFileNamedOutsideTheRootKeepsItsAbsoluteUri() {
        ReadProblem outside = new ReadProblem(Location.line("/elsewhere/w.yml", 1, ""), "empty file: no workflow", true);
        JsonNode log = ScanSarif.tree(SampleScan.report(SampleScan.ROOT, List.of(), List.of(outside), List.of()));
        assertThat(schema.validate(log)).isEmpty();
        JsonNode artifact = log.get("runs").get(0).get("invocations").get(0).get("toolExecutionNotifications").get(0)
                .get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertThat(artifact.get("uri").asString()).isEqualTo("file:///elsewhere/w.yml");
        assertThat(artifact.has("uriBaseId")).isFalse();
    }

    @Test
    void ruleNamesArePascalCase() {
        assertThat(ScanSarif.pascalCase("gha-untrusted-checkout")).isEqualTo("GhaUntrustedCheckout");
        assertThat(ScanSarif.pascalCase("gl_ci--x2")).isEqualTo("GlCiX2");
    }
}
