package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Not;

/**
 * Folds a condition to {@link Truth} with some contexts known (say {@code github.event_name} fixed by the
 * workflow's only trigger) and the rest unknown. Truthiness is folded in three values, so
 * {@code unknown && false} is always false and {@code unknown || true} always true, although their values
 * are unknown.
 */
public final class ConditionFolder {
    private final Evaluator evaluator;

    public ConditionFolder(ContextValues contexts, JobStatus status) {
        this.evaluator = new Evaluator(contexts, status);
    }

    public ConditionFolder(ContextValues contexts) {
        this(contexts, JobStatus.UNKNOWN);
    }

    /** Whether {@code condition} is truthy; an expression that fails at run time is {@link Truth#DEPENDS}. */
    public Truth fold(Expr condition) {
        if (condition instanceof Not n) {
            return fold(n.operand()).negate();
        }
        if (condition instanceof Binary b && !b.op().isComparison()) {
            Truth left = fold(b.left());
            boolean and = b.op() == Binary.Op.AND;
            Truth decisive = and ? Truth.ALWAYS_FALSE : Truth.ALWAYS_TRUE;
            if (left == decisive) {
                return decisive;
            }
            Truth right = fold(b.right());
            if (left != Truth.DEPENDS || right == decisive) {
                return right;
            }
            return Truth.DEPENDS;
        }
        Object value;
        try {
            value = evaluator.evaluate(condition);
        } catch (EvaluationException e) {
            return Truth.DEPENDS;
        }
        return Values.isUnknown(value) ? Truth.DEPENDS : Truth.of(Values.truthy(value));
    }
}
