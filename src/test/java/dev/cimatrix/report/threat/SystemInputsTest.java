package dev.cimatrix.report.threat;

import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SystemInputsTest {
    /** pre-commit's hook repositories are components that run, and a way in for a compromised dependency. */
    @Test
    void preCommitHookRepositoriesAreComponentsAndAWayInForADependency(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(".pre-commit-config.yaml"), """
                repos:
                  - repo: https://github.com/psf/black
                    rev: 25.1.0
                    hooks:
                      - id: black
                  - repo: local
                    hooks:
                      - id: unit
                        name: unit
                        entry: make test
                        language: system
                """);
        SystemInputs inputs = SystemInputs.of(new Discovery().discover(root, List.of(root), null));
        assertThat(inputs.components()).extracting(SystemInputs.Component::kind, SystemInputs.Component::name,
                SystemInputs.Component::workflows).containsExactly(tuple("pre-commit hook repository",
                "https://github.com/psf/black@25.1.0", List.of(".pre-commit-config.yaml")));
        assertThat(inputs.personas()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("compromised dependency");
            assertThat(p.workflows()).containsExactly(".pre-commit-config.yaml");
        });
    }
}
