package dev.cimatrix.model.expr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cimatrix.model.expr.ExprTrees.call;
import static dev.cimatrix.model.expr.ExprTrees.ctx;
import static dev.cimatrix.model.expr.ExprTrees.index;
import static dev.cimatrix.model.expr.ExprTrees.lit;
import static dev.cimatrix.model.expr.ExprTrees.path;
import static dev.cimatrix.model.expr.ExprTrees.prop;
import static dev.cimatrix.model.expr.ExprTrees.star;
import static org.assertj.core.api.Assertions.assertThat;

class ContextPathsTest {
    @Test
    void propertiesAndLiteralIndexesAreSegmentsInLowerCase() {
        assertThat(ContextPaths.of(path("GitHub.event.Pull_Request.title"))).hasValue("github.event.pull_request.title");
        assertThat(ContextPaths.of(prop(index(prop(ctx("steps"), "meta"), lit("outputs")), "tag")))
                .hasValue("steps.meta.outputs.tag");
    }

    @Test
    void starsNumericAndDynamicIndexesAreWildcards() {
        assertThat(ContextPaths.of(prop(star(path("github.event.commits")), "message")))
                .hasValue("github.event.commits.*.message");
        assertThat(ContextPaths.of(prop(index(path("github.event.commits"), lit(0.0)), "message")))
                .hasValue("github.event.commits.*.message");
        assertThat(ContextPaths.of(index(ctx("matrix"), path("env.KEY")))).hasValue("matrix.*");
    }

    @Test
    void nonAccessesHaveNoPath() {
        assertThat(ContextPaths.of(lit("x"))).isEmpty();
        assertThat(ContextPaths.of(prop(call("fromJSON", path("steps.a.outputs.b")), "c"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "github.event.issue.title, github.event.issue.title, true",
            "github.event.commits.*.message, github.event.commits.*.message, true",
            "github.event.commits.*.message, github.event.commits.0x.message, true",
            "github.event.pull_request.head.*, github.event.pull_request.head.ref, true",
            "github.event.pull_request.head.ref, github.event.pull_request.head.*, true",
            "github.event.pull_request.**, github.event.pull_request.head.repo.name, true",
            "github.event.issue.title, github.event.issue, false",
            "github.event.issue, github.event.issue.title, false",
            "github.head_ref, github.base_ref, false",
    })
    void patternsMatchSegmentBySegment(String pattern, String path, boolean matches) {
        assertThat(ContextPaths.matches(pattern, path)).isEqualTo(matches);
    }
}
