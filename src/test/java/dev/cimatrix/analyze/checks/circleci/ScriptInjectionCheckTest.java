package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptInjectionCheckTest {
    private static List<Finding> scan(Path root, String config) throws Exception {
        Path file = root.resolve(".circleci/config.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, config);
        return WorkflowFiles.check(new Discovery().discover(root, List.of(file), null), new ScriptInjectionCheck());
    }

    @Test
    void severityFollowsWhoWritesTheValue(@TempDir Path root) throws Exception {
        List<Finding> findings = scan(root, """
                version: 2.1
                jobs:
                  build:
                    docker: [{image: cimg/base:current}]
                    steps:
                      - run: echo "<< pipeline.git.commit.subject >>"
                      - run: echo "<< pipeline.event.github.pull_request.head.ref >>"
                      - run: echo "<< pipeline.git.branch >>"
                """);
        assertThat(findings).extracting(f -> f.location().startLine() + " " + f.severity() + " " + f.confidence())
                .containsExactly("6 HIGH HIGH", "7 MEDIUM HIGH", "8 LOW HIGH");
        assertThat(findings.get(0).location().startColumn()).isEqualTo(20);
    }

    /** A parameter's value is followed through a workflow into a job and on into a command the job calls. */
    @Test
    void followsParametersThroughCalls(@TempDir Path root) throws Exception {
        List<Finding> findings = scan(root, """
                version: 2.1
                commands:
                  say:
                    parameters:
                      what: {type: string}
                    steps:
                      - run: echo "<< parameters.what >>"
                jobs:
                  build:
                    parameters:
                      title: {type: string, default: ""}
                    docker: [{image: cimg/base:current}]
                    steps:
                      - say:
                          what: "Building << parameters.title >>"
                workflows:
                  main:
                    jobs:
                      - build:
                          title: << pipeline.event.github.pull_request.title >>
                """);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location().startLine()).isEqualTo(7);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(f.message()).contains("workflow 'main' passes << pipeline.event.github.pull_request.title >> to it through job 'build'");
            assertThat(f.related()).singleElement().satisfies(r -> assertThat(r.location().startLine()).isEqualTo(20));
        });
    }

    /** Inside an inline orb, a command is called by its name in the orb, and its parameters are followed there. */
    @Test
    void followsCallsInsideAnInlineOrb(@TempDir Path root) throws Exception {
        List<Finding> findings = scan(root, """
                version: 2.1
                orbs:
                  tools:
                    commands:
                      say:
                        parameters:
                          what: {type: string}
                        steps:
                          - run: echo "<< parameters.what >>"
                    jobs:
                      speak:
                        docker: [{image: cimg/base:current}]
                        steps:
                          - say: {what: << pipeline.git.commit.body >>}
                commands:
                  say:
                    parameters:
                      what: {type: string}
                    steps:
                      - run: echo "<< parameters.what >>"
                workflows:
                  main:
                    jobs: [tools/speak]
                """);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location().startLine()).isEqualTo(9);
            assertThat(f.message()).contains("job 'tools/speak' passes << pipeline.git.commit.body >>");
        });
    }

    /** Callers that pass only plain text, typed parameters and calls that loop give nothing and end. */
    @Test
    void plainTextTypedParametersAndLoopsAreQuiet(@TempDir Path root) throws Exception {
        List<Finding> findings = scan(root, """
                version: 2.1
                commands:
                  a:
                    parameters:
                      x: {type: string}
                    steps:
                      - b: {y: << parameters.x >>}
                      - run: echo "<< parameters.x >>"
                  b:
                    parameters:
                      y: {type: string}
                    steps:
                      - a: {x: << parameters.y >>}
                jobs:
                  build:
                    parameters:
                      level: {type: enum, enum: [low, high]}
                    docker: [{image: cimg/base:current}]
                    steps:
                      - a: {x: plain}
                      - run: echo "<< parameters.level >>"
                workflows:
                  main:
                    jobs:
                      - build: {level: << pipeline.git.commit.subject >>}
                """);
        assertThat(findings).isEmpty();
    }
}
