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

    /** An object the event's payload does not carry is null in its runs, and so is every field under it. */
    @Test
    void anObjectTheEventDoesNotCarryIsAbsent() {
        String fromThisRepository = "github.event.pull_request.head.repo.full_name == 'acme/app'";
        assertThat(allows(fromThisRepository, "pull_request_target")).isTrue();
        assertThat(allows(fromThisRepository, "issue_comment")).isFalse();
        assertThat(allows(fromThisRepository, "push")).isFalse();
        String commentedByMember = "github.event.comment.author_association == 'MEMBER'";
        assertThat(allows(commentedByMember, "issue_comment")).isTrue();
        assertThat(allows(commentedByMember, "pull_request_review_comment")).isTrue();
        assertThat(allows(commentedByMember, "issues")).isFalse();
        assertThat(allows(commentedByMember, "pull_request_review")).isFalse();
        // A negated test of an absent object is true; an issue comment's pull request is under the issue.
        assertThat(allows("!github.event.pull_request", "issue_comment")).isTrue();
        assertThat(allows("github.event.issue.pull_request != null", "issue_comment")).isTrue();
        // A reusable workflow's event is its caller's, and a dispatch carries what its sender chose: nothing is known.
        assertThat(allows(fromThisRepository, "workflow_call")).isTrue();
        assertThat(allows(fromThisRepository, "repository_dispatch")).isTrue();
        assertThat(JobEvents.facts("workflow_call")).containsOnlyKeys("github.event_name");
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
