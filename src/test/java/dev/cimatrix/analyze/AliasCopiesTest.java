package dev.cimatrix.analyze;

import dev.cimatrix.analyze.checks.github.ArtipackedCheck;
import dev.cimatrix.model.AliasUse;
import dev.cimatrix.model.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AliasCopiesTest {
    @TempDir
    Path root;

    /** Job {@code real} takes its checkout step from job {@code first} through an alias on line 10. */
    private static String sharedCheckout(String anchorComment, String aliasComment) {
        return """
                on: pull_request
                permissions: {}
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    steps:
                      - &checkout
                        uses: actions/checkout@v4%s
                  real:
                    runs-on: ubuntu-latest
                    steps:
                      - *checkout%s
                """.formatted(anchorComment, aliasComment);
    }

    @Test
    void aFindingInACopyNamesTheAliasThatMadeIt() throws Exception {
        List<Finding> findings = WorkflowFiles.scan(root, new ArtipackedCheck(), Map.of("ci.yml", sharedCheckout("", "")));

        assertThat(findings).extracting(f -> f.location().startLine(), f -> f.location().route())
                .containsExactlyInAnyOrder(tuple(8, "jobs.first.steps[0].uses"), tuple(8, "jobs.real.steps[0].uses"));
        Finding original = findings.stream().filter(f -> f.location().route().startsWith("jobs.first")).findFirst().orElseThrow();
        Finding copy = findings.stream().filter(f -> f.location().route().startsWith("jobs.real")).findFirst().orElseThrow();
        assertThat(original.related()).isEmpty();
        assertThat(copy.related()).singleElement().satisfies(related -> {
            assertThat(related.location().startLine()).isEqualTo(12);
            assertThat(related.location().route()).isEqualTo("jobs.real.steps[0]");
            assertThat(related.message()).contains("alias *checkout", "&checkout");
        });
    }

    @Test
    void aCommentOnTheAliasSilencesThatCopyAlone() throws Exception {
        List<Finding> findings = WorkflowFiles.scan(root, new ArtipackedCheck(),
                Map.of("ci.yml", sharedCheckout("", "  # cimatrix: ignore[gha-artipacked] pushes nothing")));

        assertThat(findings).extracting(f -> f.location().route()).containsExactly("jobs.first.steps[0].uses");
    }

    @Test
    void aCommentOnTheAnchoredTextSilencesEveryCopy() throws Exception {
        List<Finding> findings = WorkflowFiles.scan(root, new ArtipackedCheck(),
                Map.of("ci.yml", sharedCheckout("  # cimatrix: ignore[gha-artipacked] pushes nothing", "")));

        assertThat(findings).isEmpty();
    }

    @Test
    void theLongestRoutePrefixOfTheSameFileFindsTheAlias() {
        AliasUse step = new AliasUse("step", Location.line("a.yml", 9, "jobs.b.steps[1]"));
        AliasUse quoted = new AliasUse("env", Location.line("a.yml", 4, "env[\"a.b\"]"));
        AliasUse inner = new AliasUse("with", Location.line("a.yml", 11, "jobs.b.steps[1].with"));
        AliasCopies copies = new AliasCopies(List.of(step, quoted, inner));

        assertThat(copies.placing(Location.line("a.yml", 2, "jobs.b.steps[1]"))).isEqualTo(step);
        assertThat(copies.placing(Location.line("a.yml", 2, "jobs.b.steps[1].uses"))).isEqualTo(step);
        assertThat(copies.placing(Location.line("a.yml", 2, "jobs.b.steps[1].with.ref"))).isEqualTo(inner);
        assertThat(copies.placing(Location.line("a.yml", 2, "env[\"a.b\"]"))).isEqualTo(quoted);
        assertThat(copies.placing(Location.line("a.yml", 2, "env[\"a.b\"][0]"))).isEqualTo(quoted);
        // Neither a longer index nor a key that only starts alike is inside the copy.
        assertThat(copies.placing(Location.line("a.yml", 2, "jobs.b.steps[10].uses"))).isNull();
        assertThat(copies.placing(Location.line("a.yml", 2, "jobs.b.steps"))).isNull();
        assertThat(copies.placing(Location.line("a.yml", 2, "env[\"a\"]"))).isNull();
        assertThat(copies.placing(Location.line("b.yml", 2, "jobs.b.steps[1].uses"))).isNull();
    }
}
