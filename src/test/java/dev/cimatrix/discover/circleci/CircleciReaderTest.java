package dev.cimatrix.discover.circleci;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.CircleciConfig;
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

class CircleciReaderTest {
    private static Inventory scan(Path root, String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new Discovery().discover(root, List.of(root), null);
    }

    @Test
    void readsOrbsExecutorsCommandsAndJobsAsWritten(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, ".circleci/config.yml", """
                version: 2.1
                orbs:
                  node: circleci/node@5.1
                  local:
                    commands:
                      greet:
                        steps:
                          - run: echo hi
                defaults: &defaults
                  docker:
                    - image: cimg/base:2024.01
                      environment:
                        LANG: C.UTF-8
                executors:
                  linux:
                    <<: *defaults
                commands:
                  setup:
                    steps:
                      - run:
                          name: Install
                          command: make deps
                          environment:
                            MODE: ci
                jobs:
                  build:
                    docker:
                      - image: cimg/node:20.11
                      - image: postgres:16
                    environment:
                      CI: "true"
                    steps:
                      - checkout
                      - setup
                      - run: make
                      - when:
                          condition: << pipeline.git.tag >>
                          steps:
                            - run: make release
                      - node/install
                workflows:
                  main:
                    jobs: [build]
                """);
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.circleci()).hasSize(1);
        CircleciConfig config = inventory.circleci().get(0);
        assertThat(config.orbs()).extracting(CircleciConfig.Orb::alias, o -> o.reference() == null ? null
                : o.reference().value()).containsExactly(tuple("node", "circleci/node@5.1"), tuple("local", null));
        assertThat(config.units()).extracting(CircleciConfig.Unit::label).containsExactly("command 'local/greet'",
                "executor 'linux'", "command 'setup'", "job 'build'");
        CircleciConfig.Unit linux = config.units().get(1);
        assertThat(linux.images()).extracting(i -> i.value()).containsExactly("cimg/base:2024.01");
        assertThat(linux.environment()).extracting(e -> e.key()).containsExactly("LANG");
        CircleciConfig.Unit build = config.units().get(3);
        assertThat(build.images()).extracting(i -> i.value()).containsExactly("cimg/node:20.11", "postgres:16");
        assertThat(build.runs()).extracting(r -> r.command().value()).containsExactly("make", "make release");
        CircleciConfig.Run install = config.units().get(2).runs().get(0);
        assertThat(install.name()).isEqualTo("Install");
        assertThat(install.environment()).extracting(e -> e.key()).containsExactly("MODE");
        assertThat(install.command().location().startLine()).isEqualTo(22);
    }

    @Test
    void reportsMalformedValuesAndKeepsReading(@TempDir Path root) throws Exception {
        Inventory inventory = scan(root, ".circleci/config.yml", """
                version: 2.1
                orbs: [x]
                jobs:
                  a: 3
                  b:
                    docker: {image: x}
                    steps:
                      - run: {name: no command}
                      - run: make
                """);
        assertThat(inventory.problems()).extracting(p -> p.location().startLine(), ReadProblem::message).containsExactly(
                tuple(2, "'orbs' should be a mapping of names to orbs"),
                tuple(4, "'a' under 'jobs' should be a mapping"),
                tuple(6, "'docker' should be a list of images"),
                tuple(8, "a run step should have a 'command'"));
        assertThat(inventory.circleci().get(0).runs()).extracting(r -> r.command().value()).containsExactly("make");
    }

    @Test
    void recognisesCircleciByContentButNotAWorkflow(@TempDir Path root) throws Exception {
        Path file = root.resolve("ci/continue.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "version: 2.1\njobs:\n  a:\n    docker: [{image: x}]\n    steps: [checkout]\n");
        assertThat(new Discovery().discover(root, List.of(file), null).circleci()).hasSize(1);
        Path workflow = root.resolve("ci/wf.yml");
        Files.writeString(workflow, "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: a\n");
        Inventory read = new Discovery().discover(root, List.of(workflow), null);
        assertThat(read.circleci()).isEmpty();
        assertThat(read.workflows()).hasSize(1);
    }
}
