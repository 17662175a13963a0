package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoredPublishTokenCheckTest {
    private static final String RELEASE = """
            on: release
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - run: python -m build
                  - %s
            """;

    private static AnalysisResult analyse(Path root, String workflow) throws Exception {
        var inventory = WorkflowFiles.read(root, "", Map.of("release.yml", workflow));
        return new Analyzer(Catalog.builtin(), List.of(new StoredPublishTokenCheck()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory);
    }

    /**
     * Its silence is evidence for trusted publishing only where a workflow publishes: a repository that publishes
     * nothing from its workflows may publish from anywhere else, so the check is idle there.
     */
    @Test
    void verifiesTrustedPublishingOnlyWherePackagesArePublished(@TempDir Path root) throws Exception {
        AnalysisResult nothing = analyse(root.resolve("none"), RELEASE.formatted("run: echo built"));
        assertThat(nothing.findings()).isEmpty();
        assertThat(nothing.idleChecks()).containsExactly(StoredPublishTokenCheck.ID);

        AnalysisResult trusted = analyse(root.resolve("trusted"),
                RELEASE.formatted("uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc"));
        assertThat(trusted.findings()).isEmpty();
        assertThat(trusted.idleChecks()).isEmpty();

        AnalysisResult stored = analyse(root.resolve("stored"), RELEASE.formatted(
                "uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc\n"
                        + "        with:\n          password: ${{ secrets.PYPI_TOKEN }}"));
        assertThat(stored.findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("secret PYPI_TOKEN"));
        assertThat(stored.idleChecks()).isEmpty();
    }
}
