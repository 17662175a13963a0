package dev.cimatrix.analyze.expr;

import dev.cimatrix.discover.github.expr.ExpressionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluatorTest {
    private static final ContextValues CONTEXTS = ContextValues.of(Map.of(
            "github", Map.of("event_name", "push", "ref", "refs/heads/main",
                    "event", Map.of("commits", List.of(Map.of("message", "one", "author", Map.of("name", "A")),
                            Map.of("message", "two", "author", Map.of("name", "B"))))),
            "env", Map.of("EMPTY", "", "NUM", "42", "LIST_JSON", "[1, \"two\", {\"k\": true}]"),
            "steps.build.outputs.version", "1.2.3"));

    private static Object eval(String source) {
        return new Evaluator(CONTEXTS).evaluate(ExpressionParser.parse(source));
    }

    /** The coercion and comparison examples of GitHub's expressions reference, and the NaN rules. */
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "null == 0             => true",
            "null == false         => true",
            "true == 1             => true",
            "false == 0            => true",
            "'' == 0               => true",
            "'1' == 1              => true",
            "' 0x10 ' == 16        => true",
            "'abc' == 0            => false",
            "'1e3' == 1000         => true",
            "true == '1'           => true",
            "NaN == NaN            => false",
            "NaN != NaN            => true",
            "'abc' == 'ABC'        => true",
            "'ı' == 'I'            => false",
            "null == ''            => true",
            "null == 'null'        => false",
            "1 < 2                 => true",
            "'a' < 'B'             => true",
            "'10' > 9              => true",
            "'x' > 1               => false",
            "true > false          => true",
            "1 <= 1                => true",
            "NaN <= NaN            => false",
            "null >= 0             => true",
            "!''                   => true",
            "!'0'                  => false",
            "!0                    => true",
            "!NaN                  => true",
            "!null                 => true",
            "!github.event         => false",
            "github.event == github.event => true",
            "fromJSON('{}') == fromJSON('{}') => false",
    })
    void comparisonAndCoercion(String source, boolean expected) {
        assertThat(eval(source)).isEqualTo(expected);
    }

    @Test
    void logicalOperatorsReturnAnOperand() {
        assertThat(eval("'' || 'default'")).isEqualTo("default");
        assertThat(eval("'x' || 'default'")).isEqualTo("x");
        assertThat(eval("'x' && 'y'")).isEqualTo("y");
        assertThat(eval("0 && 'y'")).isEqualTo(0.0);
        assertThat(eval("github.event_name == 'push' && 'yes' || 'no'")).isEqualTo("yes");
    }

    @Test
    void accessAndFilters() {
        assertThat(eval("github.EVENT_NAME")).isEqualTo("push");
        assertThat(eval("github['ref']")).isEqualTo("refs/heads/main");
        assertThat(eval("steps.build.outputs.version")).isEqualTo("1.2.3");
        assertThat(eval("github.event.commits[1].message")).isEqualTo("two");
        assertThat(eval("github.event.commits['1'].message")).isEqualTo("two");
        assertThat(eval("github.event.commits[1.7].message")).isEqualTo("two");
        assertThat(eval("github.event.commits[5]")).isNull();
        assertThat(eval("github.event.missing.deeper")).isNull();
        assertThat(eval("github.event.commits.*.message")).isEqualTo(List.of("one", "two"));
        assertThat(eval("github.event.commits.*.author.name")).isEqualTo(List.of("A", "B"));
        assertThat(eval("github.event.commits[*].nothing")).isEqualTo(List.of());
        assertThat(eval("fromJSON(env.LIST_JSON)[2].k")).isEqualTo(true);
        assertThat(eval("env.NUM.length")).isNull();
        assertThat(eval("fromJSON(env.LIST_JSON).*")).isEqualTo(List.of(1.0, "two", Map.of("k", true)));
    }

    /** A field no event payload has is null whatever else is known, and so is everything below it. */
    @Test
    void fieldsNoPayloadHasAreNull() {
        Evaluator nothingKnown = new Evaluator(ContextValues.unknown());
        assertThat(nothingKnown.evaluate(ExpressionParser.parse("github.event.issues.issue.number"))).isNull();
        assertThat(nothingKnown.evaluate(ExpressionParser.parse("contains(github.event.Issues.issue.labels.*.name, 'bug')")))
                .isEqualTo(false);
        assertThat(nothingKnown.evaluate(ExpressionParser.parse("github.event['pullrequest'].head.repo.fork == false")))
                .isEqualTo(true);
        assertThat(nothingKnown.evaluate(ExpressionParser.parse("github.event.issue.number"))).isSameAs(Values.UNKNOWN);
        assertThat(nothingKnown.evaluate(ExpressionParser.parse("github.event[matrix.field]"))).isSameAs(Values.UNKNOWN);
    }

    @Test
    void unknownContextsStayUnknown() {
        assertThat(eval("github.event.pull_request.title")).isNull();
        assertThat(eval("secrets.TOKEN")).isSameAs(Values.UNKNOWN);
        assertThat(eval("secrets.TOKEN == 'x'")).isSameAs(Values.UNKNOWN);
        assertThat(eval("format('{0}', secrets.TOKEN)")).isSameAs(Values.UNKNOWN);
        assertThat(eval("false && secrets.TOKEN")).isEqualTo(false);
        assertThat(eval("true || secrets.TOKEN")).isEqualTo(true);
        assertThat(eval("secrets.TOKEN && false")).isSameAs(Values.UNKNOWN);
        assertThat(eval("hashFiles('**/pom.xml')")).isSameAs(Values.UNKNOWN);
        assertThat(eval("myFunction(1)")).isSameAs(Values.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "contains('Hello world', 'WORLD')                  => true",
            "contains('Hello world', 'xyz')                    => false",
            "contains(fromJSON('[\"a\", \"B\"]'), 'b')            => true",
            "contains(fromJSON('[1, 2]'), '2')                 => true",
            "contains(fromJSON('[1, 2]'), 3)                   => false",
            "contains(github.event, 'x')                       => false",
            "contains(12345, 34)                               => true",
            "contains('true', true)                            => true",
            "startsWith('Hello world', 'he')                   => true",
            "startsWith('Hello world', 'world')                => false",
            "startsWith(github.event, 'x')                     => false",
            "endsWith('Hello world', 'LD')                     => true",
            "endsWith('Hello world', 'he')                     => false",
    })
    void booleanFunctions(String source, boolean expected) {
        assertThat(eval(source)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat') => Hello Mona the Octocat",
            "format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat') => {Hello Mona the Octocat!}",
            "format('{0}{0}', 'x')                                => xx",
            "format('{1}', 'a', 'b')                              => b",
            "format('{0:x}', 'a')                                 => a",
            "format('{0}', null)                                  => ``",
            "format('{0} {1} {2}', true, 1.5, 3)                  => true 1.5 3",
            "format('{0}', 0.1 == 0.1)                            => true",
            "format('no args')                                    => no args",
            "join(fromJSON('[\"a\", 1, true, null]'))              => a,1,true,",
            "join(fromJSON('[\"a\", \"b\"]'), ' | ')               => a | b",
            "join('abc', '-')                                     => abc",
            "join(github.event)                                   => ``",
            "join(github.event.commits.*.message, '+')            => one+two",
            "toJSON('x')                                          => \"x\"",
            "toJSON(1.5)                                          => 1.5",
            "toJSON(fromJSON('{}'))                               => {}",
            "toJSON(fromJSON('[]'))                               => []",
            "case(true, 'a', 'b')                                 => a",
            "case(false, 'a', true, 'b', 'c')                     => b",
            "case(false, 'a', false, 'b', 'c')                    => c",
            "case(github.event_name == 'push', 'p', 'other')      => p",
    })
    void stringFunctions(String source, String expected) {
        assertThat(eval(source)).isEqualTo(expected);
    }

    @Test
    void toJsonIsIndentedWithTwoSpaces() {
        assertThat(eval("toJSON(fromJSON('{\"a\": [1, {\"b\": null}], \"c\": \"q\\\"\"}'))"))
                .isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"q\\\"\"\n}");
    }

    @Test
    void fromJsonReadsEveryJsonKind() {
        assertThat(eval("fromJSON('true')")).isEqualTo(true);
        assertThat(eval("fromJSON('null')")).isNull();
        assertThat(eval("fromJSON('12')")).isEqualTo(12.0);
        assertThat(eval("fromJSON('\"s\"')")).isEqualTo("s");
        assertThat(eval("fromJSON(env.NUM)")).isEqualTo(42.0);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "format('{0} {1}', 'a')      => format string references argument 1 but only 1 were supplied",
            "format('{', 'a')            => invalid format string",
            "format('}', 'a')            => invalid format string",
            "format('{x}', 'a')          => invalid format string",
            "format('{99999999999}', 'a')=> format string references argument",
            "fromJSON('{')               => fromJSON of invalid JSON",
            "fromJSON('')                => fromJSON of an empty string",
            "case(1, 'a', 'b')           => case condition 1 is not a boolean",
    })
    void evaluationErrors(String source, String message) {
        assertThatThrownBy(() -> eval(source)).isInstanceOf(EvaluationException.class).hasMessageContaining(message);
    }

    @Test
    void stringsThatDoubleAtEachLevelAreCapped() {
        String format = "'x'";
        for (int i = 0; i < 40; i++) {
            format = "format('{0}{0}', " + format + ")";
        }
        String nestedFormat = format;
        assertThatThrownBy(() -> eval(nestedFormat)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("longer than 1048576 characters");
        String nestedJson = "toJSON(" + "toJSON(".repeat(60) + "'\"'" + ")".repeat(61);
        assertThatThrownBy(() -> eval(nestedJson)).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("toJSON would build a string longer than");
    }

    @Test
    void formatErrorsAreFoundEvenWithUnknownArguments() {
        assertThatThrownBy(() -> eval("format('{1}', secrets.X)")).isInstanceOf(EvaluationException.class);
    }

    @Test
    void statusFunctions() {
        Evaluator failed = new Evaluator(ContextValues.unknown(), new JobStatus(false, true, false));
        assertThat(failed.evaluate(ExpressionParser.parse("failure() && !cancelled()"))).isEqualTo(true);
        assertThat(failed.evaluate(ExpressionParser.parse("success()"))).isEqualTo(false);
        assertThat(eval("always()")).isEqualTo(true);
        assertThat(eval("success()")).isSameAs(Values.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "-1.5, -1.5", "0.1, 0.1", "1e21, 1e+21", "123456789012345680000, 123456789012345680000",
            "0.30000000000000004, 0.3", "1e-16, 0", "2.5e-7, 0.00000025"})
    void numbersPrintAsGitHubPrintsThem(double value, String text) {
        assertThat(Values.toText(value)).isEqualTo(text);
    }
}
