package dev.cimatrix.discover.azure;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;
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

class AzureReaderTest {
    private static Path write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Inventory scan(Path root, String relative, String text) throws Exception {
        return new Discovery().discover(root, List.of(write(root, relative, text)), null);
    }

    private static AzurePipeline only(Inventory inventory) {
        assertThat(inventory.azure()).hasSize(1);
        return inventory.azure().get(0);
    }

    private static AzureJob job(AzurePipeline pipeline, String name) {
        return pipeline.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsStagesJobsStepsAndResourcesAsWritten(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, "azure-pipelines.yml", """
                trigger: [main]
                pr:
                  branches:
                    include: [main]
                pool:
                  vmImage: ubuntu-latest
                parameters:
                  - name: target
                    type: string
                    values: [a, b]
                  - name: note
                resources:
                  repositories:
                    - repository: templates
                      type: github
                      name: org/templates
                      ref: refs/heads/main
                  containers:
                    - container: builder
                      image: ubuntu:22.04
                variables:
                  system.debug: true
                  other: 1
                stages:
                  - stage: build
                    variables:
                      - name: staged
                        value: yes
                      - group: secrets
                    jobs:
                      - job: compile
                        pool: Self Hosted
                        container: builder
                        services:
                          db: postgres:16
                        steps:
                          - checkout: self
                            persistCredentials: true
                          - script: make
                            displayName: Build
                          - bash: echo "$(Build.SourceBranch)"
                            env:
                              TOKEN: $(token)
                          - task: Bash@3
                            inputs:
                              targetType: inline
                              script: echo inline
                          - task: Bash@3
                            inputs:
                              filePath: run.sh
                          - template: steps/test.yml@templates
                  - stage: deploy
                    jobs:
                      - deployment: prod
                        environment: production
                        strategy:
                          runOnce:
                            deploy:
                              steps:
                                - pwsh: ./deploy.ps1
                            on:
                              failure:
                                steps:
                                  - powershell: ./rollback.ps1
                """);
        AzurePipeline pipeline = only(inventory);
        assertThat(inventory.problems()).isEmpty();
        assertThat(pipeline.template()).isFalse();
        assertThat(pipeline.pr().mode()).isEqualTo(AzurePipeline.PrTriggerMode.BRANCHES);
        assertThat(pipeline.parameters()).extracting(AzurePipeline.Parameter::name, AzurePipeline.Parameter::constrained)
                .containsExactly(tuple("target", true), tuple("note", false));
        assertThat(pipeline.repositories()).singleElement().satisfies(r -> {
            assertThat(r.alias()).isEqualTo("templates");
            assertThat(r.type()).isEqualTo("github");
            assertThat(r.ref().value()).isEqualTo("refs/heads/main");
        });
        assertThat(pipeline.container("builder").orElseThrow().image().value()).isEqualTo("ubuntu:22.04");
        assertThat(pipeline.variables()).extracting(AzurePipeline.Variable::name, AzurePipeline.Variable::scope)
                .containsExactly(tuple("system.debug", "the pipeline"), tuple("other", "the pipeline"),
                        tuple("staged", "stage 'build'"));
        assertThat(pipeline.templates()).singleElement().satisfies(t -> {
            assertThat(t.path()).isEqualTo("steps/test.yml");
            assertThat(t.repository()).isEqualTo("templates");
        });

        AzureJob compile = job(pipeline, "compile");
        assertThat(compile.stage()).isEqualTo("build");
        assertThat(compile.pool().hosted()).isFalse();
        assertThat(compile.container().value()).isEqualTo("builder");
        assertThat(compile.services()).extracting(s -> s.value()).containsExactly("postgres:16");
        assertThat(compile.steps()).extracting(AzureStep::kind).containsExactly(AzureStep.Kind.CHECKOUT,
                AzureStep.Kind.SCRIPT, AzureStep.Kind.BASH, AzureStep.Kind.TASK, AzureStep.Kind.TASK,
                AzureStep.Kind.TEMPLATE);
        assertThat(compile.steps().get(0).input("persistCredentials").orElseThrow().value().value()).isEqualTo("true");
        assertThat(compile.steps().get(1).label()).isEqualTo("step 'Build'");
        assertThat(compile.steps().get(2).script().value()).isEqualTo("echo \"$(Build.SourceBranch)\"");
        assertThat(compile.steps().get(2).script().location().startLine()).isEqualTo(41);
        assertThat(compile.steps().get(2).env()).extracting(e -> e.key()).containsExactly("TOKEN");
        assertThat(compile.steps().get(3).script().value()).isEqualTo("echo inline");
        assertThat(compile.steps().get(3).shell()).isEqualTo("bash");
        assertThat(compile.steps().get(4).script()).as("Bash@3 runs a file by default").isNull();

        AzureJob prod = job(pipeline, "prod");
        assertThat(prod.kind()).isEqualTo(AzureJob.Kind.DEPLOYMENT);
        assertThat(prod.pool().hosted()).as("the pipeline's pool").isTrue();
        assertThat(prod.steps()).extracting(AzureStep::shell).containsExactly("pwsh", "powershell");
    }

    @Test
    void readsThroughTemplateExpressionsAndParametersPassedToTemplates(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, "pipelines/ci.yml", """
                pool: Default
                extends:
                  template: v1/Official.yml@governed
                  parameters:
                    stages:
                      - stage: one
                        jobs:
                          - job: inner
                            steps:
                              - script: echo one
                    postSteps:
                      - ${{ if eq(parameters.x, true) }}:
                        - bash: echo two
                      - 'a deliberate error entry': error
                    names: [a, b]
                variables:
                  - ${{ if eq(variables['Build.Reason'], 'PullRequest') }}:
                    - name: fromPr
                      value: 1
                  - ${{ insert }}: ${{ parameters.variables }}
                """);
        AzurePipeline pipeline = only(inventory);
        assertThat(inventory.problems()).isEmpty();
        assertThat(pipeline.pr().mode()).isEqualTo(AzurePipeline.PrTriggerMode.DEFAULT);
        assertThat(pipeline.templates()).singleElement().satisfies(t -> {
            assertThat(t.extended()).isTrue();
            assertThat(t.repository()).isEqualTo("governed");
        });
        assertThat(pipeline.variables()).extracting(AzurePipeline.Variable::name).containsExactly("fromPr");
        assertThat(job(pipeline, "inner").steps()).extracting(s -> s.script().value()).containsExactly("echo one");
        AzureJob passed = job(pipeline, "v1/Official.yml@governed");
        assertThat(passed.kind()).isEqualTo(AzureJob.Kind.PASSED);
        assertThat(passed.label()).isEqualTo("the steps passed to template 'v1/Official.yml@governed'");
        assertThat(passed.steps()).extracting(s -> s.script().value()).containsExactly("echo two");
    }

    @Test
    void followsTemplatesOfTheSameRepository(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve(".git"));
        write(root, "eng/steps/build.yml", """
                parameters:
                  - name: x
                steps:
                  - template: ../../eng/steps/test.yml
                  - script: make
                """);
        write(root, "eng/steps/test.yml", """
                steps:
                  - script: make test
                """);
        write(root, "eng/jobs/root-relative.yml", """
                jobs:
                  - job: a
                    steps:
                      - script: true
                """);
        Inventory inventory = new Discovery().discover(root, List.of(write(root, "azure-pipelines.yml", """
                trigger: none
                jobs:
                  - template: /eng/jobs/root-relative.yml
                  - job: main
                    steps:
                      - template: eng\\steps\\build.yml
                      - template: eng/steps/missing.yml
                      - template: other.yml@elsewhere
                      - template: ${{ parameters.dynamic }}
                """)), null);
        assertThat(inventory.azure()).extracting(AzurePipeline::path).containsExactly("azure-pipelines.yml",
                "eng/jobs/root-relative.yml", "eng/steps/build.yml", "eng/steps/test.yml");
        assertThat(inventory.azure()).filteredOn(p -> p.path().startsWith("eng/steps"))
                .extracting(AzurePipeline::template).containsExactly(true, true);
        assertThat(inventory.problems()).extracting(ReadProblem::message).singleElement().asString()
                .contains("template eng/steps/missing.yml cannot be read");
    }

    @Test
    void reportsMalformedValuesAndKeepsReading(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, "azure-pipelines.yml", """
                pool: [a]
                variables: 3
                steps:
                  - just a string
                  - unknown: entry
                  - script: echo still read
                """);
        AzurePipeline pipeline = only(inventory);
        assertThat(inventory.problems()).extracting(p -> p.location().startLine(), ReadProblem::message).containsExactly(
                tuple(1, "'pool' should be a pool's name or a mapping"),
                tuple(2, "'variables' should be a mapping or a list"),
                tuple(4, "an entry of 'steps' should be a mapping"),
                tuple(5, "an entry of 'steps' should be a stage, a job, a step or a template"));
        assertThat(pipeline.steps()).extracting(s -> s.script().value()).containsExactly("echo still read");
    }

    @Test
    void saysOnceWhereNestingGoesTooDeep(@TempDir Path root) throws Exception {
        StringBuilder text = new StringBuilder("steps:\n");
        for (int depth = 0; depth < 60; depth++) {
            text.append("  ".repeat(depth)).append("- ${{ if eq(parameters.p").append(depth).append(", true) }}:\n");
        }
        text.append("  ".repeat(60)).append("- script: make\n");
        Inventory inventory = scan(root, "azure-pipelines.yml", text.toString());
        assertThat(inventory.problems()).extracting(ReadProblem::message).singleElement().asString()
                .contains("nest more than 32 deep");
        assertThat(only(inventory).steps()).isEmpty();
    }

    @Test
    void recognisesAzureFilesByContentButNotOtherPlatforms(@TempDir Path root) throws Exception {
        assertThat(scan(root, "ci/build.yml", "pool:\n  vmImage: x\nsteps:\n  - script: a\n").azure()).hasSize(1);
        assertThat(scan(root, "ci/vars.yml", "variables:\n  - name: a\n    value: b\n").azure()).hasSize(1);
        assertThat(scan(root, "ci/tpl.yml", "parameters:\n  a: 1\nsteps:\n  - bash: a\n").azure()).hasSize(1);
        Inventory workflow = scan(root, "ci/wf.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n"
                + "      - run: a\n");
        assertThat(workflow.azure()).isEmpty();
        assertThat(workflow.workflows()).hasSize(1);
        Inventory gitlab = scan(root, "ci/gl.yml", "stages: [a]\njob:\n  script: a\n");
        assertThat(gitlab.azure()).isEmpty();
        assertThat(gitlab.gitlab()).hasSize(1);
        assertThat(scan(root, "ci/none.yml", "pr: none\nsteps:\n  - script: a\n").azure().get(0).pr().enabled())
                .isFalse();
    }
}
