package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.expr.TriggerModel;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What a set of triggers means for the worst case of a run. */
public final class Triggers {
    private Triggers() {
    }

    /** The first trigger an outsider can cause that runs with secrets or a write token. */
    public static Optional<String> privilegedForOutsiders(Collection<String> triggers) {
        return triggers.stream()
                .filter(t -> TriggerModel.github().trigger(t).map(TriggerModel.Trigger::privilegedForOutsiders).orElse(false))
                .findFirst();
    }

    /** Of some triggers, those an outsider can cause, in their order. */
    public static List<String> outsiders(Collection<String> triggers) {
        return triggers.stream().filter(t -> reachableByOutsiders(List.of(t)).isPresent()).toList();
    }

    /** The first trigger an outsider can cause at all. */
    public static Optional<String> reachableByOutsiders(Collection<String> triggers) {
        return triggers.stream()
                .filter(t -> TriggerModel.github().trigger(t).map(TriggerModel.Trigger::outsider).orElse(false))
                .findFirst();
    }

    /** "a workflow_run workflow", "an issue_comment workflow": the kind of workflow an event starts, for messages. */
    public static String workflowOf(String event) {
        return withArticle(event) + " workflow";
    }

    /** "a workflow_run", "an issue_comment": an event's name after its article, for messages. */
    public static String withArticle(String event) {
        return ("aeiou".indexOf(Character.toLowerCase(event.isEmpty() ? 'x' : event.charAt(0))) >= 0 ? "an " : "a ")
                + event;
    }
}
