package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.IfAnalysis;
import dev.cimatrix.analyze.expr.IfConditions;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Literal;

import java.util.List;
import java.util.Optional;

/**
 * The {@code if:} of a job or step, analysed once per scan and shared by the condition checks, and the
 * constant conditions that make a step never run.
 */
final class Conditions {
    private Conditions() {
    }

    /**
     * A condition with where it is written, what it says and whose it is.
     *
     * @param workflow the workflow around it, or null in a composite action (whose triggers are its callers')
     */
    record Analysed(IfCondition written, IfAnalysis analysis, String owner, Workflow workflow) {
    }

    static Optional<Analysed> of(JobContext context) {
        IfCondition condition = context.job().condition();
        if (!analysable(condition)) {
            return Optional.empty();
        }
        return Optional.of(analyse(condition, "job '" + context.job().id() + "'", context.workflow(),
                context.derived()));
    }

    static Optional<Analysed> of(StepContext context) {
        IfCondition condition = context.step().condition();
        if (!analysable(condition)) {
            return Optional.empty();
        }
        String owner = "step '" + context.step().label() + "'"
                + (context.inAction() ? "" : " of job '" + context.job().id() + "'");
        return Optional.of(analyse(condition, owner, context.inAction() ? null : context.workflow(),
                context.derived()));
    }

    /** Most steps and jobs have no condition: asked first, so their owner's name is never built. */
    private static boolean analysable(IfCondition condition) {
        return condition != null && condition.parsed() != null;
    }

    private static Analysed analyse(IfCondition condition, String owner, Workflow workflow, Derived derived) {
        IfAnalysis analysis = derived.get(List.of(Conditions.class, condition.text().location()),
                () -> IfConditions.analyze(condition.parsed(), ContextValues.unknown()));
        return new Analysed(condition, analysis, owner, workflow);
    }

    /** The step's {@code run:} script, or null when it has none or never runs. */
    static Scalar runningScript(StepContext context) {
        Scalar run = context.step().run();
        return run == null || neverRuns(context.step().condition()) ? null : run;
    }

    /**
     * True for a condition that is false whatever the run: a falsy constant ({@code if: false}, {@code if: ${{ false }}},
     * {@code 0}, {@code ''}, {@code null}), kept only so that update bots track the action, or an expression that folds
     * to false, such as one that needs a field no event payload has. The step or job never runs, and what it would do
     * at run time does not happen.
     */
    static boolean neverRuns(IfCondition condition) {
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()) {
            return false;
        }
        Condition parsed = condition.parsed();
        if (parsed.expr() instanceof Literal literal) {
            Object value = literal.value();
            return value == null || Boolean.FALSE.equals(value) || "".equals(value)
                    || (value instanceof Double d && (d == 0.0 || d.isNaN()));
        }
        return new ConditionFolder(ContextValues.unknown()).fold(parsed.expr()) == Truth.ALWAYS_FALSE;
    }
}
