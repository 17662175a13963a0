package dev.cimatrix.analyze.checks.precommit;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreCommitUnpinnedRevCheckTest {
    private static final String CONFIG = """
            repos:
              - repo: https://github.com/pre-commit/pre-commit-hooks
                rev: v5.0.0
                hooks:
                  - id: check-yaml
            """;

    private static List<Finding> scan(Path root) throws Exception {
        AnalysisResult result = new Analyzer(Catalog.builtin(), List.of(new PreCommitUnpinnedRevCheck()),
                ScanConfig.defaults(), Profile.AUDITOR, Set.of()).analyze(new Discovery().discover(root, List.of(root), null));
        return result.findings();
    }

    private static void workflow(Path repository, String step) throws Exception {
        Path workflows = Files.createDirectories(repository.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("lint.yml"), """
                on: pull_request
                permissions: {}
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                """ + step);
    }

    /** The hooks run with a job's secrets and token only where a workflow of the same repository runs pre-commit. */
    @Test
    void isMediumWhereAWorkflowOfTheRepositoryRunsTheHooks(@TempDir Path root) throws Exception {
        Path alone = Files.createDirectories(root.resolve("alone"));
        Files.writeString(alone.resolve(".pre-commit-config.yaml"), CONFIG);
        Path ci = Files.createDirectories(root.resolve("ci"));
        Files.writeString(ci.resolve(".pre-commit-config.yaml"), CONFIG);
        workflow(ci, "      - uses: pre-commit/action@2c7b3805fd2a0fd8c1884dcaebf91fc102a13ecd # v3.0.1\n");
        // Another repository's workflow that runs pre-commit does not run these hooks.
        Path other = Files.createDirectories(root.resolve("other"));
        workflow(other, "      - run: pre-commit run --all-files\n");

        assertThat(scan(root)).extracting(f -> f.location().path(), Finding::severity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("alone/.pre-commit-config.yaml", Severity.LOW),
                org.assertj.core.groups.Tuple.tuple("ci/.pre-commit-config.yaml", Severity.MEDIUM));
        assertThat(scan(ci)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("job 'lint' of .github/workflows/lint.yml runs pre-commit").contains("'v5.0.0', a tag"));
    }

    /** A script that only installs or names pre-commit runs no hook. */
    @Test
    void aScriptThatDoesNotRunTheHooksLeavesItLow(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(".pre-commit-config.yaml"), CONFIG);
        workflow(root, "      - run: pip install pre-commit && pre-commit --version\n");
        assertThat(scan(root)).singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
    }
}
