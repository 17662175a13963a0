package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.Set;

/**
 * Which triggers let someone without write access to the repository start a run, and with what. Used by the
 * checks of this package until the shared trigger model exists.
 */
final class Triggers {
    /**
     * Events an outsider can cause that run the base repository's workflow with its secrets and a token that
     * may write: the run is privileged while some of its input (the pull request, the comment, the artifacts
     * of the run that came before) is not.
     */
    static final Set<String> PRIVILEGED_OUTSIDER_EVENTS = Set.of("pull_request_target", "workflow_run",
            "issue_comment", "issues", "pull_request_review", "pull_request_review_comment", "discussion",
            "discussion_comment");

    /** Events whose run executes code an outsider wrote: a pull request from a fork runs the fork's code. */
    static final Set<String> OUTSIDER_CODE_EVENTS = Set.of("pull_request", "pull_request_target");

    private Triggers() {
    }

    /** The workflow's triggers an outsider can start that run with secrets and a write token. */
    static List<Trigger> privilegedOutsider(Workflow workflow) {
        return workflow.triggers().stream().filter(t -> PRIVILEGED_OUTSIDER_EVENTS.contains(t.event())).toList();
    }

    /** The workflow's triggers an outsider can start at all, privileged or not. */
    static List<Trigger> outsider(Workflow workflow) {
        return workflow.triggers().stream()
                .filter(t -> PRIVILEGED_OUTSIDER_EVENTS.contains(t.event()) || OUTSIDER_CODE_EVENTS.contains(t.event()))
                .toList();
    }

    /** True for a workflow that only runs when another workflow calls it: the caller's triggers decide. */
    static boolean reusableOnly(Workflow workflow) {
        return workflow.hasTrigger("workflow_call") && workflow.triggers().size() == 1;
    }
}
