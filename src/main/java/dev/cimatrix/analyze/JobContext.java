package dev.cimatrix.analyze;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Workflow;

/** What a job-level hook sees. */
public record JobContext(Inventory inventory, Workflow workflow, Job job, Derived derived) {
}
