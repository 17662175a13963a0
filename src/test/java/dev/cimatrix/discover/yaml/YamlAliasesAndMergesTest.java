package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.AliasUse;
import org.junit.jupiter.api.Test;

import static dev.cimatrix.discover.yaml.Yaml.at;
import static dev.cimatrix.discover.yaml.Yaml.root;
import static dev.cimatrix.discover.yaml.Yaml.scalar;
import static dev.cimatrix.discover.yaml.Yaml.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class YamlAliasesAndMergesTest {
    private static final String DEFAULTS = """
            .defaults: &defaults
              image: alpine
              script: echo default
            build:
              <<: *defaults
              script: make
            test:
              <<: [*defaults, {stage: test, image: node}]
            """;

    @Test
    void anAliasCopiesTheAnchoredNodeToItsOwnRouteKeepingTheSourceSpan() {
        YamlNode root = root("""
                env: &env
                  TOKEN: ${{ secrets.T }}
                jobs:
                  a:
                    env: *env
                """);
        YamlNode copied = at(root, "jobs", "a", "env");
        assertThat(copied.route()).isEqualTo("jobs.a.env");
        assertThat(span(copied)).isEqualTo("1:6-2:25"); // from the anchor on
        assertThat(copied.aliasSite().map(Yaml::span)).contains("5:10-5:13");
        assertThat(copied.aliasSite().orElseThrow().route()).isEqualTo("jobs.a.env");
        YamlScalar token = scalar(root, "jobs", "a", "env", "TOKEN");
        assertThat(token.route()).isEqualTo("jobs.a.env.TOKEN");
        assertThat(span(token)).isEqualTo("2:10-2:25");
        assertThat(token.aliasSite().map(Yaml::span)).contains("5:10-5:13");
        assertThat(at(root, "env").aliasSite()).isEmpty();
    }

    @Test
    void aScalarAliasAndAnAliasAsKeyWork() {
        YamlNode root = root("a: &v main\nb: *v\n&k key: 1\nc: {*k : 2}\n");
        assertThat(scalar(root, "b").text()).isEqualTo("main");
        assertThat(scalar(root, "b").aliasSite().map(Yaml::span)).contains("2:4-2:5");
        assertThat(at(root, "c", "key").route()).isEqualTo("c.key");
    }

    @Test
    void theDocumentListsItsAliasesAsValuesAndItemsButNotAsKeys() {
        YamlDocument document = Yaml.load("a: &v main\nb: *v\n&k key: 1\nc: {*k : 2}\nd: [x, *v]\n",
                YamlDialect.GITHUB).documents().get(0);
        assertThat(document.aliasUses()).extracting(AliasUse::anchor, use -> use.site().route(), use -> span(use.site()))
                .containsExactly(tuple("v", "b", "2:4-2:5"), tuple("v", "d[1]", "5:8-5:9"));
    }

    @Test
    void githubKeepsTheMergeKeyAsAnOrdinaryKey() {
        YamlMapping build = (YamlMapping) at(root(DEFAULTS, YamlDialect.GITHUB), "build");
        assertThat(build.keys()).containsExactly("<<", "script");
        assertThat(build.get("<<").orElseThrow().route()).isEqualTo("build[\"<<\"]");
        assertThat(build.entries().get(0).key().tag()).isEqualTo(YamlTags.STR);
    }

    @Test
    void mergingAppliesMergeKeysAndExplicitKeysWin() {
        YamlNode root = root(DEFAULTS, YamlDialect.MERGING);
        YamlMapping build = (YamlMapping) at(root, "build");
        assertThat(build.keys()).containsExactly("image", "script");
        assertThat(build.getText("script")).contains("make");
        YamlScalar image = build.getScalar("image").orElseThrow();
        assertThat(image.route()).isEqualTo("build.image");
        assertThat(span(image)).isEqualTo("2:10-2:15");
        assertThat(image.aliasSite().map(Yaml::span)).contains("5:7-5:15");
    }

    @Test
    void aListOfMergedMappingsGivesPrecedenceToTheEarlierOne() {
        YamlMapping test = (YamlMapping) at(root(DEFAULTS, YamlDialect.MERGING), "test");
        assertThat(test.keys()).containsExactly("image", "script", "stage");
        assertThat(test.getText("image")).contains("alpine");
        assertThat(test.getScalar("stage").orElseThrow().aliasSite()).isEmpty();
        assertThat(test.getScalar("stage").orElseThrow().route()).isEqualTo("test.stage");
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKeyEvenWhenMerging() {
        YamlMapping root = (YamlMapping) root("a: &a {x: 1}\nb: {\"<<\": *a}\n", YamlDialect.MERGING);
        assertThat(root.getMapping("b").orElseThrow().keys()).containsExactly("<<");
    }

    @Test
    void aMergeOfSomethingElseIsKeptAndReported() {
        YamlDocument document = Yaml.load("b:\n  <<: text\n  c: 1\n", YamlDialect.MERGING).documents().get(0);
        assertThat(((YamlMapping) at(document.root(), "b")).keys()).containsExactly("<<", "c");
        assertThat(document.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("merge key"));
    }

    @Test
    void customTagsAreKept() {
        YamlNode root = root("script:\n  - !reference [.setup, script]\n", YamlDialect.MERGING);
        YamlNode reference = at(root, "script", 0);
        assertThat(reference.tag()).isEqualTo("!reference");
        assertThat(((YamlSequence) reference).items()).extracting(n -> ((YamlScalar) n).text())
                .containsExactly(".setup", "script");
    }

    @Test
    void duplicateKeysKeepTheFirstAndAreReported() {
        YamlDocument document = Yaml.load("""
                on: push
                jobs:
                  a: {runs-on: x}
                  a: {runs-on: y}
                on: pull_request_target
                """, YamlDialect.GITHUB).documents().get(0);
        assertThat(((YamlScalar) at(document.root(), "on")).text()).isEqualTo("push");
        assertThat(((YamlScalar) at(document.root(), "jobs", "a", "runs-on")).text()).isEqualTo("x");
        assertThat(document.diagnostics()).extracting(d -> span(d.location()) + " " + d.message()).containsExactly(
                "4:3-4:3 duplicate key \"a\" ignored; the first one is on line 3",
                "5:1-5:2 duplicate key \"on\" ignored; the first one is on line 1");
    }

    @Test
    void manyKeysAreCheckedForDuplicatesQuickly() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            yaml.append("k").append(i).append(": ").append(i).append('\n');
        }
        yaml.append("k7: again\n");
        YamlDocument document = Yaml.load(yaml.toString(), YamlDialect.GITHUB).documents().get(0);
        assertThat(((YamlMapping) document.root()).size()).isEqualTo(20_000);
        assertThat(document.diagnostics()).hasSize(1);
    }

    @Test
    void aliasesAreScopedToTheirDocument() {
        assertThatThrownBy(() -> Yaml.LOADER.parse("t.yml", "a: &x 1\n---\nb: *x\n", YamlDialect.GITHUB))
                .isInstanceOf(YamlLoadException.class)
                .hasMessage("t.yml:3:4: alias *x has no anchor &x before it");
    }

    @Test
    void anAliasToTheNodeThatContainsItIsAnError() {
        assertThatThrownBy(() -> Yaml.LOADER.parse("t.yml", "a: &x [1, *x]\n", YamlDialect.GITHUB))
                .isInstanceOf(YamlLoadException.class)
                .hasMessage("t.yml:1:11: alias *x refers to a node that contains it");
    }

    @Test
    void aRedefinedAnchorIsUsedFromItsLatestDefinition() {
        YamlNode root = root("a: &x 1\nb: &x 2\nc: *x\n");
        assertThat(scalar(root, "c").text()).isEqualTo("2");
    }
}
