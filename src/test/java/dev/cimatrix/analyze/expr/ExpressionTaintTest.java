package dev.cimatrix.analyze.expr;

import dev.cimatrix.discover.github.expr.ExpressionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionTaintTest {
    private static final TaintLookup PULL_REQUEST_TARGET = TaintLookup.events(TaintTable.github(),
            Set.of("pull_request_target"));

    private static List<String> sources(String expression, TaintLookup lookup) {
        return ExpressionTaint.sourcesOf(ExpressionParser.parse(expression), lookup).stream()
                .map(TaintSource::source).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "github.event.pull_request.title                               => github.event.pull_request.title",
            "github.event.pull_request['title']                            => github.event.pull_request.title",
            "GitHub.Event.Pull_Request.Title                               => github.event.pull_request.title",
            "format('PR: {0}', github.event.pull_request.body)             => github.event.pull_request.body",
            "join(github.event.pull_request.labels.*.name, ' ')            => github.event.pull_request.labels.*.name",
            "toJSON(github.event.pull_request)                             => github.event.pull_request",
            "toJSON(github.event)                                          => github.event",
            "fromJSON(github.event.pull_request.body).cmd                  => github.event.pull_request.body",
            "github.event.pull_request.title || 'none'                     => github.event.pull_request.title",
            "github.event.pull_request.draft && github.head_ref            => github.head_ref",
            "case(github.event.pull_request.draft, github.head_ref, 'x')   => github.head_ref",
            "github.event.pull_request.head.ref.foo                        => github.event.pull_request.head.ref",
    })
    void valuesThatFlow(String expression, String source) {
        assertThat(sources(expression, PULL_REQUEST_TARGET)).containsExactly(source);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "github.event.pull_request.title == 'x'",
            "contains(github.event.pull_request.title, 'fix')",
            "startsWith(github.head_ref, 'feature/')",
            "endsWith(github.head_ref, '-rc')",
            "!github.event.pull_request.body",
            "github.event.pull_request.number",
            "github.event.pull_request.head.sha",
            "github.sha",
            "hashFiles(github.head_ref)",
            "case(github.head_ref == 'x', 'a', 'b')",
            "'literal'",
            "github.event.issue.title",
            "secrets.TOKEN",
            "success()",
    })
    void valuesThatDoNotFlow(String expression) {
        assertThat(sources(expression, PULL_REQUEST_TARGET)).isEmpty();
    }

    @Test
    void severalSourcesInOrderOncePerEntryPoint() {
        assertThat(sources("format('{0} {1} {0}', github.head_ref, github.event.pull_request.title) || github.head_ref",
                PULL_REQUEST_TARGET))
                .containsExactly("github.head_ref", "github.event.pull_request.title", "github.head_ref");
    }

    @Test
    void theCallerFollowsEnvOutputsAndInputs() {
        TaintLookup indirect = TaintLookup.of(Map.of(
                "env.TITLE", List.of("github.event.issue.title"),
                "steps.meta.outputs.tag", List.of("github.head_ref"),
                "needs.prepare.outputs.branch", List.of("github.event.workflow_run.head_branch"),
                "inputs.*", List.of("github.event.comment.body")));
        TaintLookup lookup = PULL_REQUEST_TARGET.or(indirect);
        assertThat(sources("env.title", lookup)).containsExactly("github.event.issue.title");
        assertThat(sources("format('{0}-{1}', steps.meta.outputs.tag, needs.prepare.outputs.branch)", lookup))
                .containsExactly("github.head_ref", "github.event.workflow_run.head_branch");
        assertThat(sources("inputs.anything", lookup)).containsExactly("github.event.comment.body");
        assertThat(sources("toJSON(env)", lookup)).containsExactly("github.event.issue.title");
        assertThat(sources("env.OTHER", lookup)).isEmpty();
        assertThat(sources("fromJSON(steps.meta.outputs.tag)[0]", lookup)).containsExactly("github.head_ref");
    }

    @Test
    void entryPointsAreNodesOfTheExpression() {
        String text = "format('{0}', env.TITLE)";
        List<TaintSource> found = ExpressionTaint.sourcesOf(ExpressionParser.parse(text),
                TaintLookup.of(Map.of("env.title", List.of("github.event.issue.title"))));
        assertThat(found).singleElement().satisfies(s ->
                assertThat(text.substring(s.at().start(), s.at().end())).isEqualTo("env.TITLE"));
    }

    @Test
    void triggersDecide() {
        TaintLookup push = TaintLookup.events(TaintTable.github(), Set.of("push"));
        assertThat(sources("github.event.head_commit.message", push)).containsExactly("github.event.head_commit.message");
        assertThat(sources("github.event.pull_request.title", push)).isEmpty();
        assertThat(sources("github.event.pull_request.title", TaintLookup.none())).isEmpty();
    }
}
