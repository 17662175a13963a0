package dev.cimatrix.detect;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The condition grammar over four identifiers that hold or not on one fixed event: sel_a and sel_b hold, sel_c and
 * filter_d do not, and _hidden holds but is left out of "them".
 */
class ConditionGrammarTest {
    private static final String EVENT = "{\"action\":\"x.y\",\"actor\":\"a\",\"a\":\"1\",\"b\":\"1\",\"c\":\"0\","
            + "\"d\":\"0\",\"h\":\"1\"}";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '§', textBlock = """
            sel_a                                  § true
            sel_c                                  § false
            sel_a and sel_b                        § true
            sel_a and sel_c                        § false
            sel_c or sel_a                         § true
            not sel_c                              § true
            not sel_a                              § false
            sel_a and not sel_c                    § true
            sel_c or sel_a and sel_b               § true
            (sel_c or sel_a) and sel_c             § false
            not (sel_c or filter_d)                § true
            not not sel_a                          § true
            1 of sel_*                             § true
            all of sel_*                           § false
            all of sel_a*                          § true
            1 of them                              § true
            all of them                            § false
            1 of sel_* and not 1 of filter_*       § true
            all of sel_* or all of filter*         § false
            sel_c OR sel_a                         § true
            sel_a AND NOT sel_c                    § true
            """)
    void condition(String condition, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                sel_a:
                  a: 1
                sel_b:
                  b: 1
                sel_c:
                  c: 1
                filter_d:
                  d: 1
                _hidden:
                  h: 1
                condition: '%s'
                """.formatted(condition)));
        assertThat(Detection.alerts(rules, dir, EVENT)).as(condition).hasSize(expected ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', textBlock = """
            all of them and _hidden                § true
            1 of them and not _hidden              § false
            """)
    void underscoreIdentifiersAreNotInThem(String condition, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                sel_a:
                  a: 1
                _hidden:
                  h: 1
                condition: '%s'
                """.formatted(condition)));
        assertThat(Detection.alerts(rules, dir, EVENT)).hasSize(expected ? 1 : 0);
    }

    @ParameterizedTest(name = "list of maps is OR: {0}")
    @CsvSource(delimiter = '§', textBlock = """
            {"action":"x.y","actor":"a","a":"1"}   § true
            {"action":"x.y","actor":"a","b":"2"}   § true
            {"action":"x.y","actor":"a","a":"2"}   § false
            """)
    void listOfMapsIsOr(String event, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                selection:
                  - a: 1
                  - b: 2
                condition: selection
                """));
        assertThat(Detection.alerts(rules, dir, event)).hasSize(expected ? 1 : 0);
    }

    @ParameterizedTest(name = "condition as a list is OR: {0}")
    @CsvSource(delimiter = '§', textBlock = """
            {"action":"x.y","actor":"a","a":"1"}   § true
            {"action":"x.y","actor":"a","b":"1"}   § true
            {"action":"x.y","actor":"a"}           § false
            """)
    void conditionListIsOr(String event, boolean expected) {
        RuleSet rules = Detection.rules(Detection.githubRule("""
                sel_a:
                  a: 1
                sel_b:
                  b: 1
                condition:
                  - sel_a
                  - sel_b
                """));
        assertThat(Detection.alerts(rules, dir, event)).hasSize(expected ? 1 : 0);
    }
}
