package dev.cimatrix.discover.yaml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.cimatrix.discover.yaml.Yaml.at;
import static dev.cimatrix.discover.yaml.Yaml.root;
import static dev.cimatrix.discover.yaml.Yaml.scalar;
import static dev.cimatrix.discover.yaml.Yaml.span;
import static org.assertj.core.api.Assertions.assertThat;

class YamlPositionsTest {

    @Test
    void blockMappingsSequencesAndPlainScalars() {
        YamlNode root = root("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: make
                # trailing comment
                """);
        assertThat(span(root)).isEqualTo("1:1-6:17");
        assertThat(span(at(root, "jobs"))).isEqualTo("2:3-6:17");
        assertThat(span(at(root, "jobs", "build", "runs-on"))).isEqualTo("3:14-3:26");
        assertThat(span(at(root, "jobs", "build", "steps"))).isEqualTo("5:7-6:17");
        assertThat(span(at(root, "jobs", "build", "steps", 0))).isEqualTo("5:9-5:33");
        assertThat(span(at(root, "jobs", "build", "steps", 1, "run"))).isEqualTo("6:14-6:17");
        YamlEntry entry = ((YamlMapping) at(root, "jobs", "build")).entry("runs-on").orElseThrow();
        assertThat(span(entry.key())).isEqualTo("3:5-3:11");
    }

    @Test
    void flowCollectionsEndAtTheirClosingBracket() {
        YamlNode root = root("on: {push: {branches: [main, 'rel/*']}, pull_request: {}}\n");
        assertThat(span(at(root, "on"))).isEqualTo("1:5-1:57");
        assertThat(span(at(root, "on", "push", "branches"))).isEqualTo("1:23-1:37");
        assertThat(span(at(root, "on", "push", "branches", 1))).isEqualTo("1:30-1:36");
        assertThat(span(at(root, "on", "pull_request"))).isEqualTo("1:55-1:56");
    }

    @Test
    void quotedScalarsIncludeTheirQuotes() {
        YamlNode root = root("a: 'it''s'\nb: \"x\\ty\"\n");
        assertThat(span(at(root, "a"))).isEqualTo("1:4-1:10");
        assertThat(scalar(root, "a").text()).isEqualTo("it's");
        assertThat(span(at(root, "b"))).isEqualTo("2:4-2:9");
        assertThat(scalar(root, "b").text()).isEqualTo("x\ty");
    }

    @Test
    void blockScalarsEndAtTheirLastCharacterNotAfterTrailingBlankLines() {
        YamlNode root = root("""
                run: |
                  echo one
                  echo two


                fold: >-
                  a
                  b
                next: 1
                """);
        assertThat(span(at(root, "run"))).isEqualTo("1:6-3:10");
        assertThat(scalar(root, "run").style()).isEqualTo(YamlScalar.Style.LITERAL);
        assertThat(scalar(root, "run").text()).isEqualTo("echo one\necho two\n");
        assertThat(span(at(root, "fold"))).isEqualTo("6:7-8:3");
        assertThat(scalar(root, "fold").style()).isEqualTo(YamlScalar.Style.FOLDED);
        assertThat(scalar(root, "fold").text()).isEqualTo("a b");
    }

    @Test
    void multiLinePlainScalarSpansItsLines() {
        YamlNode root = root("if: github.actor == 'a' &&\n  github.ref == 'b'\nx: 1\n");
        assertThat(span(at(root, "if"))).isEqualTo("1:5-2:19");
        assertThat(scalar(root, "if").text()).isEqualTo("github.actor == 'a' && github.ref == 'b'");
    }

    @Test
    void aMissingValueIsANullPointRightAfterItsKey() {
        YamlNode root = root("on:\n  push:\n  workflow_dispatch:\n");
        YamlScalar push = scalar(root, "on", "push");
        assertThat(push.isNull()).isTrue();
        assertThat(span(push)).isEqualTo("2:8-2:8");
        assertThat(span(at(root, "on"))).isEqualTo("2:3-3:19");
    }

    @Test
    void crlfLineEndingsCountOnce() {
        YamlNode root = root("a: 1\r\nb:\r\n  - x\r\n  - |\r\n    y\r\n");
        assertThat(span(at(root, "a"))).isEqualTo("1:4-1:4");
        assertThat(span(at(root, "b", 0))).isEqualTo("3:5-3:5");
        assertThat(span(at(root, "b", 1))).isEqualTo("4:5-5:5");
        assertThat(scalar(root, "b", 1).text()).isEqualTo("y\n");
    }

    @Test
    void aByteOrderMarkTakesNoColumn() throws YamlLoadException {
        byte[] bytes = "\uFEFFon: push\n".getBytes(StandardCharsets.UTF_8);
        YamlDocumentSet set = Yaml.LOADER.load("w.yml", bytes, YamlDialect.GITHUB);
        YamlMapping root = (YamlMapping) set.firstRoot().orElseThrow();
        assertThat(span(root.entries().get(0).key())).isEqualTo("1:1-1:2");
        assertThat(span(root.get("on").orElseThrow())).isEqualTo("1:5-1:8");
        assertThat(set.text()).startsWith("on:");
    }

    @Test
    void tabsInsideScalarsAndFlowCountAsOneColumn() {
        YamlNode root = root("a:\t[x,\ty]\nb: p\tq\n");
        assertThat(span(at(root, "a", 1))).isEqualTo("1:8-1:8");
        assertThat(span(at(root, "b"))).isEqualTo("2:4-2:6");
    }

    @Test
    void columnsCountCodePoints() {
        YamlNode root = root("name: \"\uD83D\uDE80 go\"\nnext: \uD83D\uDE80\n");
        assertThat(span(at(root, "name"))).isEqualTo("1:7-1:12");
        assertThat(span(at(root, "next"))).isEqualTo("2:7-2:7");
    }

    @Test
    void everyDocumentOfAFileIsLoadedWithItsOwnPositions() {
        YamlDocumentSet set = Yaml.load("a: 1\n---\nb: 2\n--- x\n...\n", YamlDialect.GITHUB);
        assertThat(set.documents()).hasSize(3);
        assertThat(set.documents().get(1).index()).isEqualTo(1);
        assertThat(span(at(set.documents().get(1).root(), "b"))).isEqualTo("3:4-3:4");
        assertThat(span(set.documents().get(2).root())).isEqualTo("4:5-4:5");
    }

    @Test
    void emptyInputHasNoDocumentsAndAnEmptyDocumentHasANullRoot() {
        assertThat(Yaml.load("# only a comment\n", YamlDialect.GITHUB).documents()).isEmpty();
        YamlNode root = Yaml.load("---\n...\n", YamlDialect.GITHUB).documents().get(0).root();
        assertThat(((YamlScalar) root).isNull()).isTrue();
    }

    @Test
    void anAnchorOrTagIsPartOfItsNodesSpan() {
        YamlNode root = root("a: &x !!str value\n");
        assertThat(span(at(root, "a"))).isEqualTo("1:4-1:17");
    }
}
