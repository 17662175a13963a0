package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.JobHoldings;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Step;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A step that opens an interactive shell on the runner for debugging (tmate, upterm), which whoever connects holds
 * with everything the job holds: the token, the secrets, the checked-out code. The session's address is printed in
 * the run's log, so a session not limited to named keys is open to everyone who can read the log (everyone, in a
 * public repository); one limited to the account that started the run is open to an outsider where an outsider
 * starts a privileged run. The actions and how each limits access are data ({@code analyze/debug-session-actions.yaml}).
 */
public final class DebugSessionCheck implements Check {
    public static final String ID = "gha-debug-session";

    /** Who may join a session, from the least to the most limited. */
    private enum Access {
        /** Anyone with the address. */
        OPEN,
        /** The keys on the GitHub profile of the account that started the run when it has some, else anyone. */
        AUTO,
        /** The keys of the account that started the run. */
        ACTOR,
        /** Accounts or keys the workflow names. */
        NAMED
    }

    /** One debug-session action: its name in messages, its inputs that limit access, and its default. */
    private record SessionAction(String name, String actorInput, Access unset, List<String> usersInputs) {
        /** Who may join the step's session, and the input that says so (null when the default applies). */
        Limit limit(Step step) {
            for (String input : usersInputs) {
                Optional<KeyValue> users = step.input(input);
                if (users.isPresent() && !users.get().value().value().isBlank()) {
                    return new Limit(Access.NAMED, users.get());
                }
            }
            if (actorInput == null) {
                return new Limit(unset, null);
            }
            Optional<KeyValue> actor = step.input(actorInput);
            if (actor.isEmpty()) {
                return new Limit(unset, null);
            }
            String value = actor.get().value().value().strip().toLowerCase(Locale.ROOT);
            // 'auto', empty, or a value only known at run time ('${{ inputs.limit }}'), which may be either.
            Access access = switch (value) {
                case "true" -> Access.ACTOR;
                case "false" -> Access.OPEN;
                default -> Access.AUTO;
            };
            return new Limit(access, actor.get());
        }
    }

    private record Limit(Access access, KeyValue input) {
    }

    private static final Map<String, SessionAction> ACTIONS = load();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Step step = context.step();
        ActionRef uses = step.uses();
        if (uses == null || uses.kind() != ActionRef.Kind.REPOSITORY) {
            return;
        }
        // The repository, whatever folder of it the step uses (action-tmate/detached opens the same session).
        SessionAction action = ACTIONS.get(uses.repository());
        if (action == null) {
            return;
        }
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Set<String> triggers = taint.triggers(WorkflowTaint.Scope.of(context));
        // Only a person with write access starts a manual run, and asks for the session when the step waits for that.
        // Or when the step waits for debug logging, which only someone with write access turns on for a re-run (a
        // condition that also lets the session open otherwise is not ruled out here, and is rated as if it did).
        boolean manualOnly = !triggers.isEmpty() && triggers.stream().allMatch("workflow_dispatch"::equals)
                || requiresDebugLogging(step);
        Optional<String> outsiderRun = Triggers.privilegedForOutsiders(triggers);
        Limit limit = action.limit(step);
        List<String> holds = JobHoldings.ofStep(context, Set.of());
        boolean privileged = !holds.isEmpty();
        String reach = privileged ? String.join(", ", holds) : "the job's read-only token";
        Location at = limit.input() != null ? limit.input().value().location() : uses.location();
        String session = "An interactive " + action.name() + " session on the runner (" + uses.repository() + ")";
        FindingBuilder finding = findings.at(at).subject("session:" + uses.repository()).property("session", action.name());
        switch (limit.access()) {
            case OPEN, AUTO -> {
                String who = limit.access() == Access.OPEN ? "anyone who reads the run's log"
                        : "anyone who reads the run's log, unless the account that started the run has a public SSH key on "
                          + "GitHub";
                finding.message(session + " can be joined by " + who + ": the log prints its address, and everyone can read "
                                + "the logs of a public repository. Whoever joins first has a shell with " + reach
                                + (manualOnly ? ", in the runs a maintainer asks for (a manual run, or a re-run with debug logging)" : "")
                                + ". " + limitAdvice(action))
                        .severity(privileged ? Severity.HIGH : Severity.MEDIUM)
                        .confidence(confidence(limit.access() == Access.OPEN ? Confidence.HIGH : Confidence.MEDIUM, manualOnly));
            }
            case ACTOR, NAMED -> {
                if (limit.access() == Access.ACTOR && outsiderRun.isPresent()) {
                    finding.message(session + " is limited to the account that started the run, and in "
                                    + Triggers.withArticle(outsiderRun.get()) + " run that is any outsider: they get a shell "
                                    + "with " + reach + ". Open sessions only in manual runs.")
                            .severity(privileged ? Severity.HIGH : Severity.LOW);
                    if (!context.inAction()) {
                        // A condition on the author's association, a label or an environment with reviewers keeps them out.
                        Gates.apply(new JobContext(context.inventory(), context.workflow(),
                                context.job(), context.derived()), step, finding);
                    }
                } else {
                    // The recommended use: left for an audit of who can reach the runners.
                    finding.message(session + " is limited to " + (limit.access() == Access.ACTOR
                                    ? "the account that started the run" : "the accounts or keys it names")
                                    + ", who can then use " + reach + (manualOnly ? ", only in the runs a maintainer asks for" : "") + ".")
                            .severity(Severity.INFO).confidence(Confidence.LOW)
                            // Nobody outside reaches it: not an entry into the job for attack paths.
                            .property("latent", "true");
                }
            }
        }
        finding.report();
    }

    /**
     * Whether the step's condition is false unless the run logs in debug mode ({@code runner.debug == '1'}): folded
     * with {@code runner.debug} unset, as in every run nobody asked to debug.
     */
    private static boolean requiresDebugLogging(Step step) {
        IfCondition condition = step.condition();
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()
                || !condition.text().value().contains("runner.debug")) {
            return false;
        }
        ContextValues undebugged = ContextValues.of(Map.of("runner.debug", ""));
        return new ConditionFolder(undebugged).fold(condition.parsed().expr()) == Truth.ALWAYS_FALSE;
    }

    /** One step less sure when the session opens only in a manual run: a maintainer asked for it and is watching. */
    private static Confidence confidence(Confidence base, boolean manualOnly) {
        if (!manualOnly) {
            return base;
        }
        return base == Confidence.HIGH ? Confidence.MEDIUM : Confidence.LOW;
    }

    private static String limitAdvice(SessionAction action) {
        return action.actorInput() == null ? "This action cannot limit who joins: use one that can, with "
                + "limit-access-to-actor: true." : "Limit it to the account that started the run (" + action.actorInput()
                + ": true).";
    }

    private static Map<String, SessionAction> load() {
        Map<String, SessionAction> out = new HashMap<>();
        for (Map<?, ?> entry : DataResource.load("debug-session-actions.yaml").entries("sessions")) {
            String unset = DataResource.text(entry, "default");
            Access access = switch (unset) {
                case "open" -> Access.OPEN;
                case "auto" -> Access.AUTO;
                default -> throw new IllegalStateException("analyze/debug-session-actions.yaml: unknown default '"
                        + unset + "' (open or auto)");
            };
            out.put(DataResource.text(entry, "action").toLowerCase(Locale.ROOT), new SessionAction(
                    DataResource.text(entry, "name"), DataResource.text(entry, "actor-input"), access,
                    DataResource.texts(entry, "users-inputs")));
        }
        return out;
    }
}
