package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An ungated environment that holds secrets of its own is medium, as one a scanned job uses with secrets is. */
class EnvironmentUnprotectedSeverityTest {
    @Test
    void anEnvironmentHoldingSecretsIsMedium() {
        CliRun run = CliRun.of("scan", "--format", "json", "--fail-on", "none", "--profile", "auditor",
                "src/test/resources/checks/github-environment-unprotected/holding.yml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode f : JsonMapper.builder().build().readTree(run.out()).path("findings")) {
            out.add(f.path("location").path("startLine").asInt() + " " + f.path("severity").asString() + " "
                    + f.path("message").asString());
        }
        assertThat(out).containsExactly(
                "3 medium Environment 'staging' has no required reviewer and no deployment branch policy: a run from "
                        + "any branch that names it gets its secrets and deploys, with no one asked; it holds 1 secret of "
                        + "its own (STAGING_DB_PASSWORD).",
                "9 low Environment 'preview' has no required reviewer and no deployment branch policy: a run from any "
                        + "branch that names it gets its secrets and deploys, with no one asked.");
    }
}
