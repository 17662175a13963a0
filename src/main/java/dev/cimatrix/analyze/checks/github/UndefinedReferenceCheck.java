package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.ActionContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.analyze.checks.github.EmptyReads.EmptyRead;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An expression that reads an input nothing declares, a step that has not run or a job output that does not exist:
 * {@code inputs.bump} in a workflow whose triggers declare only {@code version}, {@code github.event.inputs.target}
 * beside a workflow_dispatch without {@code target}, {@code steps.cache.outputs.cache-hit} where no earlier step has
 * the id {@code cache}, {@code needs.check.outputs.changed} where job {@code check} declares only {@code version}.
 * GitHub raises no error and the value is empty: in an {@code if:} the condition is decided without what it was meant
 * to test.
 *
 * <p>A workflow's inputs are those its workflow_dispatch and workflow_call triggers declare; GitHub refuses a call or a
 * manual run that passes any other. An action is different: an input its metadata does not declare still reaches
 * {@code inputs} when a caller sets it (GitHub only warns), so an action's read is reported only when no call of it in
 * the scan sets the input, and at medium confidence when no call of it is in the scan at all.
 */
public final class UndefinedReferenceCheck implements Check {
    public static final String ID = "gha-undefined-reference";
    private static final String INPUTS = "inputs.";
    private static final String EVENT_INPUTS = "github.event.inputs.";
    private static final String STEPS = "steps.";
    private static final String NEEDS = "needs.";
    private static final String OUTPUTS = "outputs.";
    /** Most expressions read none of these: their text, compared without case as GitHub does, says so. */
    private static final TextSearch READS = TextSearch.anyOf("inputs", "steps", "needs");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        Scope scope = Scope.inWorkflow(context.workflow(), null, Scope.AFTER_ALL, context.derived());
        EmptyReads.inValues(ExpressionSites.usedBy(context.workflow()), scope::emptyReads, findings);
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        // Of a job's own values only its outputs may read steps, and they read them after every step has run.
        Scope scope = Scope.inWorkflow(context.workflow(), context.job(), Scope.AFTER_ALL, context.derived());
        EmptyReads.inJob(context.job(), scope::emptyReads, findings);
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        int at = context.step().index();
        Scope scope = context.inAction()
                ? Scope.inAction(context.action(), context.inventory(), at, context.derived())
                : Scope.inWorkflow(context.workflow(), context.job(), at, context.derived());
        EmptyReads.inStep(context.step(), scope::emptyReads, findings);
    }

    @Override
    public void action(ActionContext context, FindingSink findings) {
        ActionDefinition action = context.action();
        if (!action.isComposite()) {
            return; // only a composite action's outputs take a value, from its steps
        }
        Scope scope = Scope.inAction(action, context.inventory(), Scope.AFTER_ALL, context.derived());
        List<ExpressionUse> outputs = new ArrayList<>();
        for (KeyValue output : action.outputs()) {
            if (output.value() != null) {
                outputs.addAll(output.value().expressions());
            }
        }
        EmptyReads.inValues(outputs, scope::emptyReads, findings);
    }

    /**
     * The inputs of a workflow or an action, worked out once for all its expressions.
     *
     * @param declared    the declared inputs, lower case; null where {@code inputs} is not judged
     * @param of          "the workflow" or "the action", for messages
     * @param none        why {@code inputs} is empty altogether, or null when something declares inputs
     * @param passed      for an action: the inputs some call of it in the scan sets, lower case
     * @param published   for an action: no call of it is in the scan, so callers elsewhere may set anything
     * @param eventInputs the inputs of the workflow_dispatch trigger; null where {@code github.event.inputs} is not
     *                    judged (no such trigger, or a reusable workflow, whose event is its caller's)
     */
    private record Inputs(Set<String> declared, String of, String none, Set<String> passed, boolean published,
                          Set<String> eventInputs) {

        static Inputs of(Workflow workflow, Derived derived) {
            return derived.get(List.of(Inputs.class, workflow.location()), () -> of(workflow));
        }

        static Inputs of(ActionDefinition action, Inventory inventory, Derived derived) {
            return derived.get(List.of(Inputs.class, action.location()), () -> {
                Set<String> declared = new HashSet<>();
                action.inputs().forEach(input -> declared.add(lower(input.name())));
                Set<String> passed = new HashSet<>();
                List<List<KeyValue>> calls = WorkflowTaint.of(inventory, derived).callsOf(action);
                calls.forEach(with -> with.forEach(kv -> passed.add(lower(kv.key()))));
                return new Inputs(declared, "the action", null, passed, calls.isEmpty(), null);
            });
        }

        private static Inputs of(Workflow workflow) {
            Set<String> declared = new HashSet<>();
            Set<String> dispatch = new HashSet<>();
            boolean takesInputs = false;
            for (Trigger trigger : workflow.triggers()) {
                boolean isDispatch = trigger.event().equals("workflow_dispatch");
                if (isDispatch || trigger.event().equals("workflow_call")) {
                    takesInputs = true;
                    for (KeyValue input : trigger.inputs()) {
                        declared.add(lower(input.key()));
                        if (isDispatch) {
                            dispatch.add(lower(input.key()));
                        }
                    }
                }
            }
            // A workflow whose triggers could not be read is not judged.
            boolean judged = !workflow.triggers().isEmpty();
            boolean eventJudged = workflow.hasTrigger("workflow_dispatch") && !workflow.isReusable();
            return new Inputs(judged ? declared : null, "the workflow", takesInputs ? null
                    : "but the workflow has no workflow_dispatch or workflow_call trigger, the only ones that give it inputs",
                    Set.of(), false, eventJudged ? dispatch : null);
        }
    }

    /**
     * What is defined where an expression is written.
     *
     * @param inputs  the inputs of its workflow or action
     * @param steps   the ids of the steps around the expression; null where {@code steps} is not judged
     * @param at      the position among them of the step the expression is written in, or {@link #AFTER_ALL} where
     *                every step has run (outputs)
     * @param workflow the workflow of the job; null in an action (so messages name the steps of "the action")
     * @param job      the job the expression is written in, whose {@code needs} it reads; null where {@code needs} is
     *                 not judged (a workflow's own values, an action)
     * @param derived  where the outputs each needed job declares are kept once worked out
     */
    private record Scope(Inputs inputs, StepIds steps, int at, Workflow workflow, Job job,
                         Derived derived) {
        static final int AFTER_ALL = Integer.MAX_VALUE;

        /** Where an expression of a workflow stands: in the workflow's own values ({@code job} null), or in a job. */
        static Scope inWorkflow(Workflow workflow, Job job, int at, Derived derived) {
            StepIds steps = job == null ? null : StepIds.of(job.location(), job.steps(), derived);
            return new Scope(Inputs.of(workflow, derived), steps, at, workflow, job, derived);
        }

        static Scope inAction(ActionDefinition action, Inventory inventory, int at, Derived derived) {
            return new Scope(Inputs.of(action, inventory, derived), StepIds.of(action.location(), action.steps(), derived),
                    at, null, null, derived);
        }

        List<EmptyRead> emptyReads(ExpressionUse use) {
            if (!READS.foundIn(use.source())) {
                return List.of();
            }
            List<EmptyRead> out = new ArrayList<>();
            for (String read : ContextPaths.readBy(use.expr())) {
                String path = read.toLowerCase(Locale.ROOT);
                EmptyRead empty = path.startsWith(INPUTS) ? input(path)
                        : path.startsWith(EVENT_INPUTS) ? eventInput(path)
                        : path.startsWith(STEPS) ? step(path)
                        : path.startsWith(NEEDS) ? need(path) : null;
                if (empty != null && out.stream().noneMatch(r -> r.path().equals(path))) {
                    out.add(empty);
                }
            }
            return out;
        }

        private EmptyRead input(String path) {
            String name = segment(path, INPUTS);
            if (inputs.declared() == null || name == null || inputs.declared().contains(name)
                    || inputs.passed().contains(name)) {
                return null;
            }
            if (inputs.none() != null) {
                return new EmptyRead(path, inputs.none(), true);
            }
            String why = "but " + inputs.of() + " declares no input `" + name + "`" + nearest(name, inputs.declared());
            return inputs.published()
                    ? new EmptyRead(path, why + ": it is empty unless a caller sets it, which GitHub warns of as an "
                    + "unexpected input", false)
                    : new EmptyRead(path, why, true);
        }

        private EmptyRead eventInput(String path) {
            String name = segment(path, EVENT_INPUTS);
            if (inputs.eventInputs() == null || name == null || inputs.eventInputs().contains(name)) {
                return null;
            }
            return new EmptyRead(path, "but the workflow_dispatch trigger declares no input `" + name + "`"
                    + nearest(name, inputs.eventInputs()), true);
        }

        private EmptyRead step(String path) {
            String id = segment(path, STEPS);
            if (steps == null || id == null) {
                return null;
            }
            Integer position = steps.positions().get(id);
            if (position != null && position < at) {
                return null;
            }
            if (position != null) {
                return new EmptyRead(path, position == at
                        ? "but that is this step's own id, and a step's outputs exist only once it has run"
                        : "but step `" + id + "` runs after this one", true);
            }
            List<String> before = steps.positions().entrySet().stream().filter(e -> e.getValue() < at)
                    .map(Map.Entry::getKey).toList();
            return new EmptyRead(path, "but no step " + (at == AFTER_ALL ? "of " : "before this one in ")
                    + (workflow == null ? "the action" : "the job")
                    + " has the id `" + id + "`" + nearest(id, before), true);
        }

        /**
         * {@code needs.<job>} of a job that does not list that job under {@code needs:}, or {@code needs.<job>.outputs.<name>}
         * of a listed job of the workflow that declares no such output. A listed job that calls a reusable workflow has
         * the outputs the called workflow declares, and is not judged.
         */
        private EmptyRead need(String path) {
            String id = segment(path, NEEDS);
            if (job == null || id == null) {
                return null;
            }
            List<String> needs = job.needs().stream().map(UndefinedReferenceCheck::lower).toList();
            if (!needs.contains(id)) {
                return new EmptyRead(path, "but `" + id + "` is not under the `needs:` of job '" + job.id() + "', and "
                        + "`needs` holds only the jobs listed there" + nearest(id, needs), true);
            }
            String rest = path.substring(NEEDS.length() + id.length());
            if (!rest.startsWith("." + OUTPUTS)) {
                return null;
            }
            String output = segment(rest.substring(1), OUTPUTS);
            Job needed = jobById(id);
            if (output == null || needed == null || needed.uses() != null) {
                return null;
            }
            Set<String> outputs = derived.get(List.of(NEEDS, needed.location()),
                    () -> needed.outputs().stream().map(kv -> lower(kv.key())).collect(Collectors.toSet()));
            if (outputs.contains(output)) {
                return null;
            }
            return new EmptyRead(path, "but job '" + needed.id() + "' declares no output `" + output + "`"
                    + nearest(output, outputs), true);
        }

        /** The job of the workflow with this lower-case id: job ids, like every context key, are read without case. */
        private Job jobById(String id) {
            return workflow.job(id).orElseGet(() -> workflow.jobs().stream()
                    .filter(j -> lower(j.id()).equals(id)).findFirst().orElse(null));
        }

        /** The name after {@code prefix}, or null when it is computed ({@code inputs[matrix.name]}). */
        private static String segment(String path, String prefix) {
            int end = path.indexOf('.', prefix.length());
            String name = path.substring(prefix.length(), end < 0 ? path.length() : end);
            return name.isEmpty() || name.equals(ContextPaths.ANY) ? null : name;
        }

        private static String nearest(String name, Set<String> known) {
            return nearest(name, List.copyOf(new TreeSet<>(known)));
        }

        private static String nearest(String name, List<String> known) {
            return ClosestIds.to(name, known, 1).stream().map(n -> " (did you mean `" + n + "`?)").findFirst().orElse("");
        }

    }

    /** The lower-case id of each step of a job or action that has one, with its position; the first where ids repeat. */
    private record StepIds(Map<String, Integer> positions) {
        static StepIds of(Location owner, List<Step> steps, Derived derived) {
            return derived.get(List.of(StepIds.class, owner), () -> {
                Map<String, Integer> positions = new HashMap<>();
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).id() != null) {
                        positions.putIfAbsent(lower(steps.get(i).id()), i);
                    }
                }
                return new StepIds(positions);
            });
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
