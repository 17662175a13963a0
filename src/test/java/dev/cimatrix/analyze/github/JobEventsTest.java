package dev.cimatrix.analyze.github;

import dev.cimatrix.discover.github.expr.ConditionReader;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Scalar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventsTest {
    private static IfCondition condition(String raw) {
        return new IfCondition(new Scalar(raw, null, List.of()), ConditionReader.read(raw));
    }

    private static boolean allows(String raw, String event) {
        return JobEvents.allows(condition(raw), event);
    }

    @Test
    void aTestOfTheEventsNameRulesOtherEventsOut() {
        assertThat(allows("github.event_name == 'push'", "push")).isTrue();
        assertThat(allows("github.event_name == 'push'", "issues")).isFalse();
        assertThat(allows("${{ github.event_name != 'pull_request' }}", "pull_request")).isFalse();
        assertThat(allows("${{ github.event_name != 'pull_request' }}", "schedule")).isTrue();
        // GitHub compares strings without case.
        assertThat(allows("github.event_name == 'Pull_Request'", "pull_request")).isTrue();
        assertThat(allows("contains(fromJSON('[\"push\", \"release\"]'), github.event_name)", "issues")).isFalse();
        assertThat(allows("contains(fromJSON('[\"push\", \"release\"]'), github.event_name)", "release")).isTrue();
        assertThat(allows("github['event_name'] == 'push' && github.ref == 'refs/heads/main'", "issue_comment")).isFalse();
    }

    @Test
    void whatElseTheConditionAsksStaysUnknown() {
        // Another event passes when the rest of the condition may be true for it.
        assertThat(allows("github.event_name == 'push' || github.event.pull_request.draft == false", "pull_request"))
                .isTrue();
        assertThat(allows("github.event.issue.pull_request && github.event_name == 'issue_comment'", "issue_comment"))
                .isTrue();
        assertThat(allows("github.actor == 'dependabot[bot]'", "pull_request_target")).isTrue();
        // A string condition (text around the braces) is always true; none at all rules nothing out.
        assertThat(allows("${{ github.event_name }} == 'push'", "issues")).isTrue();
        assertThat(JobEvents.allows(null, "issues")).isTrue();
    }
}
