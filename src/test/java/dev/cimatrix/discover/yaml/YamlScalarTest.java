package dev.cimatrix.discover.yaml;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static dev.cimatrix.discover.yaml.Yaml.root;
import static dev.cimatrix.discover.yaml.Yaml.scalar;
import static dev.cimatrix.discover.yaml.Yaml.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlScalarTest {

    @Test
    void theCoreSchemaKeepsOnAndYesAsStrings() {
        YamlMapping root = (YamlMapping) root("""
                on: push
                a: yes
                b: no
                c: true
                d: False
                e: 0755
                f: 0o755
                g: 0x1F
                h: ~
                i: null
                j: .inf
                k: -.Inf
                l: 1.5e3
                m: "true"
                n: !!str 12
                o: 123456789012345678901234567890
                p: .nan
                """);
        assertThat(root.keys().get(0)).isEqualTo("on");
        assertThat(root.entries().get(0).key().tag()).isEqualTo(YamlTags.STR);
        assertThat(scalar(root, "a").tag()).isEqualTo(YamlTags.STR);
        assertThat(scalar(root, "a").asBoolean()).isEmpty();
        assertThat(scalar(root, "b").isString()).isTrue();
        assertThat(scalar(root, "c").asBoolean()).contains(true);
        assertThat(scalar(root, "d").asBoolean()).contains(false);
        assertThat(scalar(root, "e").asNumber()).contains(755L);
        assertThat(scalar(root, "e").text()).isEqualTo("0755");
        assertThat(scalar(root, "f").asNumber()).contains(493L);
        assertThat(scalar(root, "g").asNumber()).contains(31L);
        assertThat(scalar(root, "h").isNull()).isTrue();
        assertThat(scalar(root, "i").isNull()).isTrue();
        assertThat(scalar(root, "j").asNumber()).contains(Double.POSITIVE_INFINITY);
        assertThat(scalar(root, "k").asNumber()).contains(Double.NEGATIVE_INFINITY);
        assertThat(scalar(root, "l").asNumber()).contains(1500.0);
        assertThat(scalar(root, "m").asBoolean()).isEmpty();
        assertThat(scalar(root, "m").style()).isEqualTo(YamlScalar.Style.DOUBLE_QUOTED);
        assertThat(scalar(root, "n").asNumber()).isEmpty();
        assertThat(scalar(root, "o").asNumber()).contains(new BigInteger("123456789012345678901234567890"));
        assertThat((Double) scalar(root, "p").asNumber().orElseThrow()).isNaN();
    }

    @Test
    void mappingHelpersReturnEmptyForAbsentKeysAndOtherKinds() {
        YamlMapping root = (YamlMapping) root("a: {b: 1}\nc: [1]\nd: ~\n");
        assertThat(root.getMapping("a")).isPresent();
        assertThat(root.getSequence("a")).isEmpty();
        assertThat(root.getScalar("a")).isEmpty();
        assertThat(root.getSequence("c")).isPresent();
        assertThat(root.get("missing")).isEmpty();
        assertThat(root.getScalar("d")).isPresent();
        assertThat(root.getText("d")).isEmpty();
        assertThat(root.containsKey("c")).isTrue();
        assertThat(root.keys()).containsExactly("a", "c", "d");
    }

    @Test
    void locatePointsIntoALiteralBlock() {
        String yaml = """
                jobs:
                  a:
                    steps:
                      - run: |
                          echo start
                            echo "${{ github.event.issue.title }}"
                          done
                """;
        YamlScalar run = scalar(root(yaml), "jobs", "a", "steps", 0, "run");
        String expression = "${{ github.event.issue.title }}";
        int offset = run.text().indexOf(expression);
        assertThat(span(run.locate(offset, expression.length()))).isEqualTo("6:19-6:49");
        assertThat(run.locate(offset, expression.length()).route()).isEqualTo("jobs.a.steps[0].run");
        assertThat(span(run.locate(run.text().indexOf("done"), 4))).isEqualTo("7:11-7:14");
    }

    @Test
    void locateFollowsFoldingAndCrlf() {
        YamlScalar folded = scalar(root("x: >\r\n  one\r\n  ${{ a }}\r\n\r\n  two\r\n"), "x");
        assertThat(folded.text()).isEqualTo("one ${{ a }}\ntwo\n");
        assertThat(span(folded.locate(4, 8))).isEqualTo("3:3-3:10");
        assertThat(span(folded.locate(13, 3))).isEqualTo("5:3-5:5");
    }

    @Test
    void locateInPlainAndQuotedScalars() {
        YamlNode root = root("""
                a: echo ${{ x }}
                b: 'it''s ${{ y }}'
                c: "tab\\t${{ z }}"
                d: plain folded
                  ${{ w }} here
                e: &anchor ${{ v }}
                f: "\\u263A ${{ u }}"
                """);
        assertThat(span(scalar(root, "a").locate(5, 8))).isEqualTo("1:9-1:16");
        assertThat(span(scalar(root, "b").locate(5, 8))).isEqualTo("2:11-2:18");
        assertThat(span(scalar(root, "c").locate(4, 8))).isEqualTo("3:10-3:17");
        assertThat(span(scalar(root, "d").locate(13, 8))).isEqualTo("5:3-5:10");
        assertThat(span(scalar(root, "e").locate(0, 8))).isEqualTo("6:12-6:19");
        assertThat(span(scalar(root, "f").locate(2, 8))).isEqualTo("7:12-7:19");
    }

    @Test
    void locateOutsideTheTextIsAnError() {
        YamlScalar scalar = scalar(root("a: abc\n"), "a");
        assertThatThrownBy(() -> scalar.locate(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scalar.locate(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void locateInAnAliasedScalarPointsAtTheAnchorWithTheAliasRoute() {
        YamlNode root = root("a: &s run ${{ x }}\nb: *s\n");
        YamlScalar copy = scalar(root, "b");
        assertThat(copy.locate(4, 8).route()).isEqualTo("b");
        assertThat(span(copy.locate(4, 8))).isEqualTo("1:11-1:18");
    }
}
