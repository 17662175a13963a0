package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.expr.TriggerModel;
import dev.cimatrix.analyze.github.JobEvents;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.function.Predicate;

/** A workflow's triggers seen through the shared {@link TriggerModel}: which of them outsiders can start. */
final class Triggers {
    private static final TriggerModel MODEL = TriggerModel.github();

    private Triggers() {
    }

    /** Triggers an outsider can cause that run with secrets or a token that may write. */
    static List<Trigger> privilegedOutsider(Workflow workflow) {
        return matching(workflow, TriggerModel.Trigger::privilegedForOutsiders);
    }

    /** Triggers an outsider can cause at all, privileged or not. */
    static List<Trigger> outsider(Workflow workflow) {
        return matching(workflow, TriggerModel.Trigger::outsider);
    }

    /** Whether a run for this trigger checks out, by default, code an outsider wrote (a fork's pull request). */
    static boolean runsOutsiderCode(Trigger trigger) {
        return MODEL.trigger(trigger.event()).map(t -> t.outsider() && !t.checkoutTrusted()).orElse(false);
    }

    /** Of a workflow's triggers, those the job's condition does not rule out by the event's name. */
    static List<Trigger> reaching(List<Trigger> triggers, Job job) {
        return triggers.stream().filter(t -> reaches(t, job)).toList();
    }

    /** Whether the job's condition leaves the trigger's events in. */
    static boolean reaches(Trigger trigger, Job job) {
        return JobEvents.mayRun(job, null, trigger.event());
    }

    /** True for a workflow that only runs when another workflow calls it: the caller's triggers decide. */
    static boolean reusableOnly(Workflow workflow) {
        return workflow.hasTrigger("workflow_call") && workflow.triggers().size() == 1;
    }

    /** An outsider's trigger limited to activity types only insiders cause ({@code labeled}) is not theirs to start. */
    private static List<Trigger> matching(Workflow workflow, Predicate<TriggerModel.Trigger> test) {
        return workflow.triggers().stream()
                .filter(t -> MODEL.trigger(t.event()).filter(test).filter(m -> !m.onlyInsidersStart(t.types())).isPresent())
                .toList();
    }
}
