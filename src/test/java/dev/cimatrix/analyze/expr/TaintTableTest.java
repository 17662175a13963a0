package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.expr.TaintEntry.Confidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaintTableTest {
    private static final TaintTable TABLE = TaintTable.github();

    @ParameterizedTest
    @CsvSource({
            "github.event.pull_request.title, pull_request_target, true",
            "github.event.pull_request.body, pull_request, true",
            "github.event.pull_request.head.ref, pull_request_review, true",
            "github.event.pull_request.head.label, pull_request_review_comment, true",
            "github.head_ref, pull_request_target, true",
            "github.event.pull_request.head.repo.description, pull_request_target, true",
            "github.event.comment.body, issue_comment, true",
            "github.event.review.body, pull_request_review, true",
            "github.event.issue.title, issues, true",
            "github.event.issue.body, issue_comment, true",
            "github.event.discussion.title, discussion, true",
            "github.event.commits.*.message, push, true",
            "github.event.commits.*.author.email, push, true",
            "github.event.head_commit.message, push, true",
            "github.event.head_commit.committer.name, push, true",
            "github.event.workflow_run.head_branch, workflow_run, true",
            "github.event.workflow_run.head_commit.message, workflow_run, true",
            "github.event.workflow_run.display_title, workflow_run, true",
            "github.event.pages.*.page_name, gollum, true",
            "github.event.client_payload.anything.deep, repository_dispatch, true",
            "github.event.pull_request.labels.*.name, pull_request_target, true",
            // objects holding tainted fields
            "github.event.pull_request, pull_request_target, true",
            "github.event, issues, true",
            "github.event.pull_request.head, pull_request_target, true",
            // values inside a tainted value
            "github.event.issue.title.length, issues, true",
            // the wrong trigger
            "github.event.issue.title, push, false",
            "github.event.workflow_run.head_branch, pull_request_target, false",
            "github.event.commits.*.message, pull_request_target, false",
            // safe
            "github.sha, pull_request_target, false",
            "github.event.pull_request.number, pull_request_target, false",
            "github.event.pull_request.head.sha, pull_request_target, false",
            "github.event.pull_request.head.repo.name, pull_request_target, false",
            "github.repository, pull_request_target, false",
            "github.event.commits.*.id, push, false",
            "github.event.pull_request.draft, pull_request_target, false",
            "runner.temp, pull_request_target, false",
            "steps.x.outcome, pull_request_target, false",
            "github.event.pull_request.head.sha.x, pull_request_target, false",
    })
    void attackerControlledPaths(String path, String trigger, boolean tainted) {
        assertThat(TABLE.taintedUnder(path, Set.of(trigger)).isEmpty()).isEqualTo(!tainted);
    }

    @Test
    void entriesCarryConfidenceAndReason() {
        TaintEntry title = TABLE.find("github.event.pull_request.title").orElseThrow();
        assertThat(title.tainted()).isTrue();
        assertThat(title.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(title.reason()).contains("author");
        assertThat(title.triggers()).contains("pull_request", "pull_request_target", "pull_request_review",
                "pull_request_review_comment");
        assertThat(TABLE.find("github.event.commits.*.message").orElseThrow().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(TABLE.find("github.sha").orElseThrow().tainted()).isFalse();
        assertThat(TABLE.find("github.event.inputs.name")).isEmpty();
    }

    @Test
    void aSafeEntryWinsOverAWildcardOfTheSameSpecificity() {
        TaintTable table = TaintTable.load(new StringReader("""
                tainted:
                  - path: a.*.c
                    triggers: [push]
                    confidence: high
                    reason: r
                safe:
                  - path: a.b.*
                    reason: s
                """), "test");
        assertThat(table.find("a.b.c").orElseThrow().tainted()).isFalse();
        assertThat(table.find("a.x.c").orElseThrow().tainted()).isTrue();
    }

    @Test
    void malformedTablesAreRejectedWithTheEntry() {
        assertThatThrownBy(() -> TaintTable.load(new StringReader("tainted:\n  - path: a\n    reason: r\nsafe: []\n"), "t"))
                .hasMessageContaining("t: tainted[0]: a tainted entry needs a list of triggers");
        assertThatThrownBy(() -> TaintTable.load(new StringReader("tainted: []\nsafe:\n  - path: A\n    reason: r\n"), "t"))
                .hasMessageContaining("must be lower case");
        assertThatThrownBy(() -> TaintTable.load(new StringReader("""
                tainted: []
                safe:
                  - {path: a, reason: r}
                  - {path: a, reason: r}
                """), "t")).hasMessageContaining("listed twice");
    }
}
