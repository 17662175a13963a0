package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.expr.Condition;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a workflow's events can run a job or a step. A workflow may run on {@code issues} and {@code push}
 * while a job's {@code if: github.event_name == 'push'} keeps it out of the issue runs: what an outsider can
 * reach through the issues is then not that job. Only {@code github.event_name} and the payload objects the event
 * does not carry are fixed ({@code github.event.pull_request} is absent from an issue comment's), the rest of the
 * condition stays unknown, so an event is ruled out only when the condition is false whatever else holds.
 */
public final class JobEvents {
    /** Compared without case, as GitHub reads context names: {@code github.event_name} and {@code github.event.*}. */
    private static final TextSearch EVENT = TextSearch.anyOf("event");
    /** The payload objects that describe a person and their act: a comment, an issue, a pull request, a review. */
    private static final List<String> PEOPLE_OBJECTS = List.of("comment", "issue", "pull_request", "review", "discussion");
    /**
     * Which of {@link #PEOPLE_OBJECTS} each event's payload carries; the others are absent from it. Only events whose
     * payload is fixed are listed: a reusable workflow's {@code github.event} is its caller's, and a repository
     * dispatch carries whatever its sender chose.
     */
    private static final Map<String, Set<String>> CARRIED = Map.ofEntries(
            Map.entry("issue_comment", Set.of("comment", "issue")),
            Map.entry("issues", Set.of("issue")),
            Map.entry("pull_request", Set.of("pull_request")),
            Map.entry("pull_request_target", Set.of("pull_request")),
            Map.entry("pull_request_review", Set.of("review", "pull_request")),
            Map.entry("pull_request_review_comment", Set.of("comment", "pull_request")),
            Map.entry("pull_request_review_thread", Set.of("pull_request")),
            Map.entry("discussion", Set.of("discussion")),
            Map.entry("discussion_comment", Set.of("comment", "discussion")),
            Map.entry("push", Set.of()),
            Map.entry("workflow_run", Set.of()),
            Map.entry("workflow_dispatch", Set.of()),
            Map.entry("schedule", Set.of()),
            Map.entry("release", Set.of()),
            Map.entry("create", Set.of()),
            Map.entry("delete", Set.of()),
            Map.entry("merge_group", Set.of()),
            Map.entry("check_run", Set.of()),
            Map.entry("check_suite", Set.of()),
            Map.entry("deployment", Set.of()),
            Map.entry("deployment_status", Set.of()),
            Map.entry("status", Set.of()));

    private JobEvents() {
    }

    /** The events of {@code events} that the job's condition, and the step's when given, do not rule out. */
    public static Set<String> reaching(Collection<String> events, Job job, Step step) {
        Set<String> out = new LinkedHashSet<>();
        for (String event : events) {
            if (mayRun(job, step, event)) {
                out.add(event);
            }
        }
        return out;
    }

    /** Whether the job (and the step, when not null) may run for the event. */
    public static boolean mayRun(Job job, Step step, String event) {
        return (job == null || allows(job.condition(), event)) && (step == null || allows(step.condition(), event));
    }

    /** Whether a condition (null for none) may be true in a run for the event. */
    public static boolean allows(IfCondition condition, String event) {
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()) {
            return true;
        }
        Condition parsed = condition.parsed();
        // Most conditions never look at the event: nothing to fold then.
        if (!EVENT.foundIn(condition.text().value())) {
            return true;
        }
        return new ConditionFolder(ContextValues.of(facts(event))).fold(parsed.expr()) != Truth.ALWAYS_FALSE;
    }

    /**
     * What every run of the event is known to hold: its name and, for an event whose payload is known, the objects
     * its payload does not carry, as nulls, and so every field under them ({@code github.event.comment} and
     * {@code github.event.comment.author_association} under {@code issues}). A new map, whose values may be null.
     */
    public static Map<String, Object> facts(String event) {
        Map<String, Object> known = new HashMap<>();
        known.put("github.event_name", event);
        Set<String> carried = CARRIED.get(event);
        if (carried != null) {
            PEOPLE_OBJECTS.stream().filter(object -> !carried.contains(object))
                    .forEach(object -> known.put("github.event." + object, null));
        }
        return known;
    }
}
