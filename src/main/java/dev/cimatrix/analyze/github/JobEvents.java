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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of a workflow's events can run a job or a step. A workflow may run on {@code issues} and {@code push}
 * while a job's {@code if: github.event_name == 'push'} keeps it out of the issue runs: what an outsider can
 * reach through the issues is then not that job. Only {@code github.event_name} is fixed, the rest of the
 * condition stays unknown, so an event is ruled out only when the condition is false whatever else holds.
 */
public final class JobEvents {
    /** Compared without case, as GitHub reads context names. */
    private static final TextSearch EVENT_NAME = TextSearch.anyOf("event_name");

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
        // Most conditions never look at the event's name: nothing to fold then.
        if (!EVENT_NAME.foundIn(condition.text().value())) {
            return true;
        }
        ContextValues run = ContextValues.of(Map.of("github.event_name", event));
        return new ConditionFolder(run).fold(parsed.expr()) != Truth.ALWAYS_FALSE;
    }
}
