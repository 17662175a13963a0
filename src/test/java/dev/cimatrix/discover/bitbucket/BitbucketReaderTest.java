package dev.cimatrix.discover.bitbucket;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BitbucketReaderTest {
    private static Inventory scan(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new Discovery().discover(root, List.of(file), null);
    }

    @Test
    void readsEveryStepOfEveryPipelineAsWritten(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, "bitbucket-pipelines.yml", """
                image: python:3.12
                definitions:
                  services:
                    db:
                      image: postgres:16
                      variables:
                        POSTGRES_DB: test
                    docker:
                      memory: 2048
                  steps:
                    - step: &test
                        name: Test
                        script:
                          - make test
                pipelines:
                  default:
                    - step: *test
                    - parallel:
                        - step:
                            name: Lint
                            image: {name: node:20, username: u, password: $P}
                            script: [npm run lint]
                  pull-requests:
                    '**':
                      - stage:
                          name: Checks
                          steps:
                            - step:
                                runs-on: [self.hosted, linux]
                                script:
                                  - make
                                  - pipe: atlassian/slack-notify:2.1.0
                                    variables:
                                      WEBHOOK_URL: $SLACK
                                after-script:
                                  - echo done
                """);
        assertThat(inventory.problems()).isEmpty();
        BitbucketPipeline pipeline = inventory.bitbucket().get(0);
        assertThat(pipeline.image().value()).isEqualTo("python:3.12");
        assertThat(pipeline.services()).extracting(BitbucketPipeline.Service::name, s -> s.image() == null ? null
                : s.image().value()).containsExactly(tuple("db", "postgres:16"), tuple("docker", null));
        assertThat(pipeline.steps()).extracting(BitbucketPipeline.Step::label).containsExactly(
                "step 'Test' of the definitions", "step 'Lint' of the default pipeline",
                "the step at line 29 of the pipeline pull-requests '**'");
        BitbucketPipeline.Step checks = pipeline.steps().get(2);
        assertThat(checks.runsOn()).containsExactly("self.hosted", "linux");
        assertThat(checks.script()).extracting(s -> s.value()).containsExactly("make", "echo done");
        assertThat(checks.pipes()).singleElement().satisfies(p -> {
            assertThat(p.reference().value()).isEqualTo("atlassian/slack-notify:2.1.0");
            assertThat(p.variables()).extracting(v -> v.key()).containsExactly("WEBHOOK_URL");
        });
        assertThat(pipeline.steps().get(1).image().value()).isEqualTo("node:20");
    }

    @Test
    void reportsMalformedValuesAndKeepsReading(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, "bitbucket-pipelines.yml", """
                pipelines:
                  default:
                    - just text
                    - step:
                        script: make
                    - step:
                        script: [make]
                  branches: [main]
                """);
        assertThat(inventory.problems()).extracting(p -> p.location().startLine(), ReadProblem::message).containsExactly(
                tuple(3, "an entry of a pipeline should be a step, a parallel group or a stage"),
                tuple(5, "'script' should be a list of commands"),
                tuple(8, "'branches' should be a mapping of patterns or names to pipelines"));
        assertThat(inventory.bitbucket().get(0).steps()).hasSize(2);
    }

    @Test
    void recognisesBitbucketByContent(@TempDir Path root) throws Exception {
        assertThat(scan(root, "ci/pipelines.yml", "pipelines:\n  default:\n    - step:\n        script: [make]\n")
                .bitbucket()).hasSize(1);
    }
}
