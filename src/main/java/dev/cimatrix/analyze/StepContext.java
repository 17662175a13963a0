package dev.cimatrix.analyze;

import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.List;

/**
 * What a step-level hook sees: the step, and either its workflow and job or the composite action that
 * holds it ({@code action} non-null, {@code workflow} and {@code job} null).
 */
public record StepContext(Inventory inventory, Workflow workflow, Job job, ActionDefinition action, Step step,
                          Derived derived) {
    public boolean inAction() {
        return action != null;
    }

    /** The steps around this one: the job's, or the composite action's. */
    public List<Step> siblings() {
        return action != null ? action.steps() : job.steps();
    }
}
