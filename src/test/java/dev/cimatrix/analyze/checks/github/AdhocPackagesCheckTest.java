package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AdhocPackagesCheckTest {
    @TempDir
    Path dir;

    @Test
    void aJobThatHoldsASecretKeepsLowAndOneThatHoldsNothingIsInfo() throws Exception {
        String workflow = """
                on: push
                permissions: {}
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: pip install twine
                      - run: twine upload dist/*
                        env:
                          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - run: pip install ruff
                """;
        List<Finding> findings = WorkflowFiles.scan(dir, new AdhocPackagesCheck(), Map.of("w.yml", workflow));
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.LOW, Severity.INFO);
        assertThat(findings.get(0).message()).contains("`twine` by name from PyPI (`pip install twine`)")
                .contains("with the job's token and whatever secrets it holds");
        assertThat(findings.get(1).message()).contains("the job holds no secrets");
    }

    @Test
    void noCredentialOfAPackageUrlIsKeptInTheFindingsProperties() throws Exception {
        String workflow = "on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: pip install git+https://ci:Hunter2Passw0rdSecret@git.example.com/o/lib.git\n";
        List<Finding> findings = WorkflowFiles.scan(dir, new AdhocPackagesCheck(), Map.of("w.yml", workflow));
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.properties().get("floating"))
                .isEqualTo("git+https://git.example.com/o/lib.git"));
    }

    /** What a job holds is read once for it, not once for each of its steps. */
    @Test
    void thousandsOfInstallStepsInOneJobStayFast() throws Exception {
        StringBuilder workflow = new StringBuilder("on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n");
        for (int i = 0; i < 6000; i++) {
            workflow.append("      - run: gem install r").append(i).append('\n');
        }
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> WorkflowFiles.scan(dir, new AdhocPackagesCheck(), Map.of("w.yml", workflow.toString())));
        assertThat(findings).hasSize(6000).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }
}
