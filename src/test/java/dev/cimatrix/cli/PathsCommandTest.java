package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cimatrix paths} on the seed-attack example, in every format, against golden files. */
class PathsCommandTest {
    private static final String EXAMPLE = "examples/seed-attack";

    @Test
    void textJsonMermaidAndDotMatchTheirGoldenFiles() {
        for (String format : new String[] {"text", "json", "mermaid", "dot"}) {
            CliRun run = CliRun.of("paths", "--format", format, EXAMPLE);
            assertThat(run.exitCode()).as(run.err()).isZero();
            Golden.assertMatches("paths/seed-attack." + (format.equals("text") ? "txt" : format), run.out());
        }
    }

    /**
     * Each workflow's part of the graph is worked out in parallel and added in workflow order: over many
     * workflows, runs must agree to the byte, unknowns and all.
     */
    @Test
    void manyWorkflowsGiveTheSameGraphOnEveryRun() throws IOException {
        List<String> args = new ArrayList<>(List.of("paths", "--format", "json"));
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/checks"))) {
            files.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(f -> args.add(f.toString()));
        }
        assertThat(args).hasSizeGreaterThan(50);
        String first = CliRun.of(args.toArray(String[]::new)).out();
        JsonNode json = Json.mapper().readTree(first);
        assertThat(json.get("paths").size()).isPositive();
        assertThat(json.get("unknowns").size()).isGreaterThan(5);
        assertThat(json.get("graph").get("moves").size()).isPositive();
        assertThat(json.get("graph").get("nodes").toString()).contains("job:");
        for (int i = 0; i < 4; i++) {
            assertThat(CliRun.of(args.toArray(String[]::new)).out()).isEqualTo(first);
        }
    }

    @Test
    void jsonHasTheDocumentedShape() {
        JsonNode json = Json.mapper().readTree(CliRun.of("paths", "--format", "json", EXAMPLE).out());
        JsonNode first = json.get("paths").get(0);
        assertThat(first.get("id").asString()).isEqualTo("P1");
        assertThat(first.get("entry").asString()).isEqualTo("persona:outsider");
        JsonNode step = first.get("steps").get(2);
        assertThat(step.get("cell").asString()).isEqualTo("EXEC/CICD-T016");
        assertThat(step.get("from").asString()).isEqualTo("workflow:.github/workflows/preview.yml");
        assertThat(step.get("location").get("path").asString()).isEqualTo(".github/workflows/preview.yml");
        assertThat(step.get("because").asString()).contains("pull_request_target");
    }

    @Test
    void anInvalidModelIsABadInputWithItsLines(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.yml");
        Files.writeString(model, "components:\n  - id: a\n    type: mainframe\n");
        CliRun run = CliRun.of("paths", "--model", model.toString(), EXAMPLE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("model.yml:3:11: 'type' is 'mainframe'");
    }

    @Test
    void withoutAModelTheUnknownPartsAreListed(@TempDir Path dir) throws IOException {
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.copy(Path.of(EXAMPLE, ".github/workflows/preview.yml"), workflows.resolve("preview.yml"));
        CliRun run = CliRun.of("paths", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Not known").contains("no cimatrix-model.yml")
                .contains("exposure not declared").contains("secret AWS_SECRET_ACCESS_KEY");
    }
}
