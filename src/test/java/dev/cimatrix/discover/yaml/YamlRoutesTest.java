package dev.cimatrix.discover.yaml;

import org.junit.jupiter.api.Test;

import static dev.cimatrix.discover.yaml.Yaml.at;
import static dev.cimatrix.discover.yaml.Yaml.root;
import static org.assertj.core.api.Assertions.assertThat;

class YamlRoutesTest {

    @Test
    void keysJoinWithDotsAndItemsCountFromZero() {
        YamlNode root = root("""
                jobs:
                  build:
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/setup-node@v4
                        with:
                          node-version: 20
                """);
        assertThat(root.route()).isEmpty();
        assertThat(at(root, "jobs", "build", "steps").route()).isEqualTo("jobs.build.steps");
        assertThat(at(root, "jobs", "build", "steps", 1).route()).isEqualTo("jobs.build.steps[1]");
        assertThat(at(root, "jobs", "build", "steps", 1, "with", "node-version").route())
                .isEqualTo("jobs.build.steps[1].with.node-version");
    }

    @Test
    void keysThatAreNotIdentifiersAreQuotedInBrackets() {
        YamlNode root = root("""
                jobs:
                  "a.b": {x: 1}
                  "say \\"hi\\"": 2
                  "": 3
                "top level": 4
                """);
        assertThat(at(root, "jobs", "a.b", "x").route()).isEqualTo("jobs[\"a.b\"].x");
        assertThat(at(root, "jobs", "say \"hi\"").route()).isEqualTo("jobs[\"say \\\"hi\\\"\"]");
        assertThat(at(root, "jobs", "").route()).isEqualTo("jobs[\"\"]");
        assertThat(at(root, "top level").route()).isEqualTo("[\"top level\"]");
    }

    @Test
    void aRootSequenceStartsWithAnIndex() {
        YamlNode root = root("- step: 1\n- [a, b]\n");
        assertThat(at(root, 0, "step").route()).isEqualTo("[0].step");
        assertThat(at(root, 1, 1).route()).isEqualTo("[1][1]");
    }

    @Test
    void aKeyCarriesTheRouteOfItsEntry() {
        YamlMapping root = (YamlMapping) root("permissions:\n  contents: write\n");
        YamlMapping permissions = root.getMapping("permissions").orElseThrow();
        assertThat(permissions.entry("contents").orElseThrow().key().route()).isEqualTo("permissions.contents");
        assertThat(permissions.location().path()).isEqualTo("test.yml");
    }
}
