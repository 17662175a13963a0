package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;

/** A check of the {@code if:} of every job and step, as {@link Conditions} analyses it once for all such checks. */
abstract class ConditionCheck implements Check {
    @Override
    public final void job(JobContext context, FindingSink findings) {
        Conditions.Analysed condition = Conditions.of(context).orElse(null);
        if (condition != null) {
            report(condition, findings);
        }
    }

    @Override
    public final void step(StepContext context, FindingSink findings) {
        Conditions.Analysed condition = Conditions.of(context).orElse(null);
        if (condition != null) {
            report(condition, findings);
        }
    }

    /** The findings on one written condition. */
    abstract void report(Conditions.Analysed condition, FindingSink findings);
}
