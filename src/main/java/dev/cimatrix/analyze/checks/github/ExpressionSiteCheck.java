package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.model.ExpressionUse;

import java.util.List;

/**
 * A check that judges each {@code ${{ }}} on its own, wherever it is written: it sees the expressions of each
 * workflow, job and step once, through {@link ExpressionSites}.
 */
interface ExpressionSiteCheck extends Check {
    /** Judges the expressions written directly in one workflow, job or step. */
    void expressions(List<ExpressionUse> uses, FindingSink findings);

    @Override
    default void workflow(WorkflowContext context, FindingSink findings) {
        expressions(ExpressionSites.of(context.workflow()), findings);
    }

    @Override
    default void job(JobContext context, FindingSink findings) {
        expressions(ExpressionSites.of(context.job()), findings);
    }

    @Override
    default void step(StepContext context, FindingSink findings) {
        expressions(ExpressionSites.of(context.step()), findings);
    }
}
