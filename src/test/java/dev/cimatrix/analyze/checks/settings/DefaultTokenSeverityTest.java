package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the repository's default token, as a settings file states it, rates the findings about jobs that take it. */
class DefaultTokenSeverityTest {
    private static final String FIXTURES = "src/test/resources/checks/";

    private static List<String> findings(String... paths) {
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--fail-on", "none", "--profile",
                "auditor"));
        args.addAll(List.of(paths));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode f : JsonMapper.builder().build().readTree(run.out()).path("findings")) {
            String check = f.path("check").asString();
            if (check.equals("gha-excessive-permissions") || check.equals("github-default-token-write")) {
                out.add(check + " " + f.path("severity").asString() + " " + f.path("confidence").asString());
            }
        }
        return out;
    }

    @Test
    void aDefaultThatReadsMakesTheMissingBlockLowAndOneThatWritesMakesItSure() {
        assertThat(findings(FIXTURES + "gha-excessive-permissions/settings-read"))
                .containsExactly("gha-excessive-permissions low high");
        assertThat(findings(FIXTURES + "gha-excessive-permissions/settings-write"))
                .containsExactlyInAnyOrder("gha-excessive-permissions high high", "github-default-token-write high high");
    }

    @Test
    void theWriteDefaultIsHighOnlyWhereAJobOfItsRepositoryTakesIt() {
        assertThat(findings(FIXTURES + "github-default-token-write/repo"))
                .contains("github-default-token-write high high");
        // Two repositories in one scan: the settings of one do not govern the workflows of the other.
        assertThat(findings(FIXTURES + "github-default-token-write/repo/.github/settings.yml",
                FIXTURES + "gha-excessive-permissions/settings-read"))
                .containsExactlyInAnyOrder("github-default-token-write medium high", "gha-excessive-permissions low high");
    }
}
