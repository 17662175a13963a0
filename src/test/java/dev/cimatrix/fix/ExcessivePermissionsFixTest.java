package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.github.ExcessivePermissionsCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --fix} on gha-excessive-permissions. */
class ExcessivePermissionsFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/gha-excessive-permissions");

    /**
     * Jobs that only check out, set up, cache and run plain scripts get {@code contents: read}; a job that runs gh, and
     * one given the token through its env, keep the default, and so does the workflow's own finding, which is fixed
     * only with all its jobs.
     */
    @Test
    void givesJobsThatNeverUseTheTokenReadAccessToTheCode(@TempDir Path root) throws Exception {
        FixFixture.fix(root, FIXTURES.resolve("tests.yml"), ".github/workflows/tests.yml", ExcessivePermissionsCheck.ID);
        assertThat(read(root).workflows().get(0).jobs().subList(0, 2))
                .allSatisfy(job -> assertThat(job.permissions().isAbsent()).isFalse());
    }

    /** The workflow's own finding is fixed with all its jobs but one given a block: it needs several without. */
    @Test
    void fixesTheWorkflowsFindingWhenOneJobIsLeft(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("one-left.yml"), ".github/workflows/one-left.yml",
                ExcessivePermissionsCheck.ID);
        assertThat(run.err()).startsWith("Fixed 3 findings in 1 file; 1 left as they are:");
    }
}
