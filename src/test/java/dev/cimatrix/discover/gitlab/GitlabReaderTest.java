package dev.cimatrix.discover.gitlab;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class GitlabReaderTest {
    private static Inventory scan(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new Discovery().discover(root, List.of(file), null);
    }

    private static GitlabPipeline only(Inventory inventory) {
        assertThat(inventory.gitlab()).hasSize(1);
        return inventory.gitlab().get(0);
    }

    private static GitlabJob job(GitlabPipeline pipeline, String name) {
        return pipeline.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    /** A job's OIDC tokens with their audience, and its external secrets with where each is kept. */
    @Test
    void readsIdTokensAndSecrets(@TempDir Path root) throws Exception {
        GitlabJob deploy = job(only(scan(root, ".gitlab-ci.yml", """
                deploy:
                  id_tokens:
                    VAULT_ID_TOKEN:
                      aud: https://vault.example.com
                  secrets:
                    DATABASE_PASSWORD:
                      vault: production/db/password@ops
                      token: $VAULT_ID_TOKEN
                    CERTIFICATE:
                      azure_key_vault:
                        name: release-cert
                    LISTED:
                      vault:
                        engine: {name: kv-v2, path: ops}
                        path: production/db
                        field: password
                  script: ./deploy
                """)), "deploy");
        assertThat(deploy.idTokens()).extracting(KeyValue::key, kv -> kv.value().value())
                .containsExactly(tuple("VAULT_ID_TOKEN", "https://vault.example.com"));
        assertThat(deploy.secrets()).extracting(KeyValue::key, kv -> kv.value().value())
                .containsExactly(tuple("DATABASE_PASSWORD", "production/db/password@ops"),
                        tuple("CERTIFICATE", "azure_key_vault"), tuple("LISTED", ""));
    }

    @Test
    void readsJobsTemplatesAndDefaultsAsWritten(@TempDir Path root) throws Exception {
        GitlabPipeline pipeline = only(scan(root, ".gitlab-ci.yml", """
                stages: [build, test]
                image: ruby:3.2
                before_script:
                  - bundle install
                variables:
                  GLOBAL: "1"
                  DESCRIBED:
                    value: "two"
                    description: a variable with a description
                workflow:
                  rules:
                    - when: always
                default:
                  services:
                    - postgres:15
                    - name: redis:7
                      alias: cache
                .base: &base
                  image:
                    name: node:20
                    entrypoint: [""]
                  script:
                    - echo one
                    - [echo two, [echo three]]
                    - !reference [.other, script]
                .not-a-job: just text
                build:
                  <<: *base
                  extends: [.base, .more]
                  variables:
                    LOCAL: x
                  after_script: echo done
                downstream:
                  trigger: group/project
                child:
                  trigger:
                    include:
                      - local: ci/child.yml
                      - artifact: generated.yml
                        job: generate
                """));
        assertThat(pipeline.jobs()).extracting(GitlabJob::name, GitlabJob::kind).containsExactly(
                tuple("default", GitlabJob.Kind.DEFAULT), tuple("default", GitlabJob.Kind.DEFAULT),
                tuple(".base", GitlabJob.Kind.TEMPLATE), tuple("build", GitlabJob.Kind.JOB),
                tuple("downstream", GitlabJob.Kind.JOB), tuple("child", GitlabJob.Kind.JOB));
        GitlabJob topLevel = pipeline.jobs().get(0);
        assertThat(topLevel.image().value()).isEqualTo("ruby:3.2");
        assertThat(topLevel.image().location().startLine()).isEqualTo(2);
        assertThat(topLevel.scripts()).extracting(l -> l.section() + ": " + l.line().value())
                .containsExactly("before_script: bundle install");
        assertThat(pipeline.jobs().get(1).services()).extracting(Scalar::value).containsExactly("postgres:15", "redis:7");
        assertThat(pipeline.variables()).extracting(KeyValue::key, kv -> kv.value().value())
                .containsExactly(tuple("GLOBAL", "1"), tuple("DESCRIBED", "two"));
        GitlabJob base = job(pipeline, ".base");
        assertThat(base.image().value()).isEqualTo("node:20");
        assertThat(base.scripts()).extracting(l -> l.line().value()).containsExactly("echo one", "echo two", "echo three");
        GitlabJob build = job(pipeline, "build");
        assertThat(build.extended()).containsExactly(".base", ".more");
        // The merge key copies the template's image and script: they are the template's own nodes.
        assertThat(build.image().location().startLine()).isEqualTo(base.image().location().startLine());
        assertThat(build.variables()).extracting(KeyValue::key).containsExactly("LOCAL");
        assertThat(build.scripts()).extracting(l -> l.section() + ": " + l.line().value())
                .contains("after_script: echo done");
        assertThat(job(pipeline, "downstream").trigger()).isTrue();
        assertThat(job(pipeline, "downstream").children()).isEmpty();
        assertThat(build.trigger()).isFalse();
        assertThat(job(pipeline, "child").children()).extracting(i -> i.kind() + " " + i.target().value())
                .containsExactly("LOCAL ci/child.yml", "ARTIFACT generated.yml");
        assertThat(pipeline.allIncludes()).hasSize(2);
    }

    @Test
    void readsTheInputsOfTheHeaderDocument(@TempDir Path root) throws Exception {
        GitlabPipeline pipeline = only(scan(root, "templates/deploy.yml", """
                spec:
                  inputs:
                    target:
                    stage:
                      default: test
                    environment:
                      options: [staging, production]
                    replicas:
                      type: number
                    version:
                      regex: ^v\\d+$
                ---
                deploy:
                  stage: $[[ inputs.stage ]]
                  script: ./deploy $[[ inputs.target ]]
                """));
        assertThat(pipeline.inputs()).extracting(GitlabPipeline.Input::name, GitlabPipeline.Input::constrained)
                .containsExactly(tuple("target", false), tuple("stage", false), tuple("environment", true),
                        tuple("replicas", true), tuple("version", true));
        assertThat(pipeline.input("stage").orElseThrow().defaultValue().value()).isEqualTo("test");
        assertThat(pipeline.input("target").orElseThrow().defaultValue()).isNull();
        assertThat(pipeline.input("target").orElseThrow().location().startLine()).isEqualTo(3);
        assertThat(job(pipeline, "deploy").scripts()).extracting(l -> l.line().location().startLine())
                .containsExactly(15);
    }

    @Test
    void readsIncludesOfEveryKind(@TempDir Path root) throws Exception {
        GitlabPipeline pipeline = only(scan(root, ".gitlab-ci.yml", """
                include:
                  - ci/local.yml
                  - https://example.com/remote.yml
                  - local: /ci/other.yml
                  - project: group/templates
                    ref: v1
                    file: [/a.yml, /b.yml]
                  - remote: https://example.com/checked.yml
                    integrity: sha256-abc
                  - template: Auto-DevOps.gitlab-ci.yml
                  - component: gitlab.com/group/comp/name@1.2.3
                  - 5
                build:
                  script: make
                """));
        assertThat(pipeline.includes()).extracting(i -> i.kind() + " " + i.target().value() + " "
                        + (i.ref() == null ? "-" : i.ref().value()) + " " + i.integrity())
                .containsExactly("LOCAL ci/local.yml - false", "REMOTE https://example.com/remote.yml - false",
                        "LOCAL /ci/other.yml - false", "PROJECT group/templates v1 false",
                        "REMOTE https://example.com/checked.yml - true", "TEMPLATE Auto-DevOps.gitlab-ci.yml - false",
                        "COMPONENT gitlab.com/group/comp/name@1.2.3 1.2.3 false");
        GitlabPipeline.Include component = pipeline.includes().get(6);
        // The version is placed at its own columns, after the @.
        assertThat(component.ref().location().startColumn())
                .isEqualTo(component.target().location().startColumn() + "gitlab.com/group/comp/name@".length());
        assertThat(only(scan(root, ".gitlab-ci.yml", "include: ci/one.yml\nbuild:\n  script: make\n")).includes())
                .hasSize(1);
    }

    @Test
    void malformedValuesAreWarningsAndTheRestIsRead(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, ".gitlab-ci.yml", """
                include:
                  - 5
                  - {file: x.yml}
                variables: [a, b]
                build:
                  image:
                    entrypoint: [""]
                  services: 5
                  script:
                    - {not: a command}
                    - make
                test:
                  script: make test
                """);
        GitlabPipeline pipeline = only(inventory);
        assertThat(inventory.problems()).allMatch(p -> !p.fatal()).extracting(p -> p.location().startLine() + " "
                + p.message()).containsExactly(
                "2 an include should be a file name or a mapping",
                "3 an include should name one of local, project, remote, template, component or artifact",
                "4 'variables' should be a mapping",
                "7 an image given as a mapping should have a 'name'",
                "8 'services' should be a list of images",
                "10 'script' should be a command or a list of commands");
        assertThat(pipeline.jobs()).extracting(GitlabJob::name).containsExactly("build", "test");
        assertThat(job(pipeline, "build").scripts()).extracting(l -> l.line().value()).containsExactly("make");
    }

    @Test
    void aFileWithoutAConfigurationIsAnError(@TempDir Path root) throws Exception {
        Inventory list = scan(root, ".gitlab-ci.yml", "- build\n- test\n");
        assertThat(list.gitlab()).isEmpty();
        assertThat(list.problems()).extracting(ReadProblem::message, ReadProblem::fatal)
                .containsExactly(tuple("not a GitLab CI configuration: the top level is not a mapping", true));
        Inventory empty = scan(root, ".gitlab-ci.yml", "# nothing here\n");
        assertThat(empty.problems()).extracting(ReadProblem::fatal).containsExactly(true);
        Inventory headerOnly = scan(root, "templates/empty.yml", "spec:\n  inputs:\n    a:\n---\n");
        assertThat(only(headerOnly).inputs()).hasSize(1);
        assertThat(headerOnly.problems()).isEmpty();
    }

    /** A file named on the command line under no GitLab name is read as GitLab CI when its content says so. */
    @Test
    void namedFilesAreRecognisedByTheirContent(@TempDir Path root) throws Exception {
        assertThat(scan(root, ".gitlab/ci/build.yml", "compile:\n  stage: build\n  script: make\n").gitlab())
                .hasSize(1);
        assertThat(scan(root, "ci/stages.yml", "stages: [build, test]\n").gitlab()).hasSize(1);
        assertThat(scan(root, "ci/includes.yml", "include:\n  - local: a.yml\n").gitlab()).hasSize(1);
        assertThat(scan(root, "ci/template.yml", "spec:\n  inputs:\n    a:\n---\nx:\n  script: y\n").gitlab())
                .hasSize(1);
        // Azure Pipelines: stages of mappings, a top-level trigger.
        Inventory azure = scan(root, "ci/azure.yml", "trigger: [main]\nstages:\n  - stage: build\n");
        assertThat(azure.gitlab()).isEmpty();
        assertThat(azure.workflows()).isEmpty();
        Inventory workflow = scan(root, "ci/workflow.yml",
                "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
        assertThat(workflow.gitlab()).isEmpty();
        assertThat(workflow.workflows()).hasSize(1);
        // Bitbucket Pipelines, CircleCI: their own top-level keys.
        assertThat(scan(root, "ci/bitbucket.yml", "image: node\npipelines:\n  default:\n    - step:\n        script: [make]\n")
                .gitlab()).isEmpty();
    }

    @Test
    void theSameFileReadsTheSameEveryTime(@TempDir Path root) throws IOException, Exception {
        String text = "build:\n  image: alpine\n  script: [make]\n";
        GitlabPipeline first = only(scan(root, ".gitlab-ci.yml", text));
        GitlabPipeline second = only(scan(root, ".gitlab-ci.yml", text));
        assertThat(second).isEqualTo(first);
    }
}
