package dev.cimatrix.analyze;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Workflow;

/** What a workflow-level hook sees. */
public record WorkflowContext(Inventory inventory, Workflow workflow, Derived derived) {
}
