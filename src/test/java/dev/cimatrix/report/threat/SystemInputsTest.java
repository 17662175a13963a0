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

    /**
     * A Jenkinsfile is an input: built on pushes, for pull requests when it reads their values, started with parameters
     * when it declares them; its shared libraries and images are components that run.
     */
    @Test
    void aJenkinsfileIsAnInputWithItsLibrariesAndImages(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("Jenkinsfile"), """
                @Library('tools@main') _
                pipeline {
                    agent { docker { image 'maven:3.9' } }
                    parameters { string(name: 'TARGET', defaultValue: 'staging') }
                    stages {
                        stage('Build') { steps { sh 'mvn -B verify' } }
                        stage('Notify') { steps { sh "notify '${env.CHANGE_TITLE}'" } }
                    }
                }
                """);
        SystemInputs inputs = SystemInputs.of(new Discovery().discover(root, List.of(root), null));
        assertThat(inputs.workflows()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("Jenkinsfile");
            assertThat(w.triggers()).containsExactly("push", "pull request", "parameters");
            assertThat(w.jobs()).isEqualTo(2);
        });
        assertThat(inputs.components()).extracting(SystemInputs.Component::kind, SystemInputs.Component::name)
                .containsExactlyInAnyOrder(tuple("shared library", "tools@main"), tuple("container image", "maven:3.9"));
        assertThat(inputs.personas()).extracting(SystemInputs.Persona::name).containsExactlyInAnyOrder(
                "outside contributor", "maintainer or write token", "compromised dependency");
    }
}
