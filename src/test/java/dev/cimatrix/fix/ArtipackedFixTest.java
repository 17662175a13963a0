package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.github.ArtipackedCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.copy;
import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
import static dev.cimatrix.fix.TemplateInjectionFixTest.lines;
import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --fix} on gha-artipacked. */
class ArtipackedFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/gha-artipacked");

    /**
     * Every checkout of the fixture gets persist-credentials: false as its fixed copy shows, except those marked
     * {@code # unfixed:}, whose job may need the token (a later push, through a local composite action too, a pushing
     * action, a token of its own), that set it on purpose or are written through a YAML alias.
     */
    @Test
    void fixesTheCheckoutsWhoseJobsNeedNoPersistedToken(@TempDir Path root) throws Exception {
        copy(FIXTURES.resolve("repo"), root);
        Path file = root.resolve(".github/workflows/checkout.yml");
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String fixed = Files.readString(file);
        assertThat(fixed).isEqualTo(Files.readString(FIXTURES.resolve("checkout.fixed.yml")));
        UnfixedMarks marks = UnfixedMarks.of(fixed);
        assertThat(lines(findings(read(root)), ArtipackedCheck.ID)).isEqualTo(marks.lines());
        assertThat(run.err()).startsWith("Fixed 4 findings in 1 file; 7 left as they are:");
        for (String reason : marks.reasons()) {
            assertThat(run.err()).contains(reason);
        }
        assertThat(run.err()).contains("the step on line 27 runs git against a remote");
    }
}
