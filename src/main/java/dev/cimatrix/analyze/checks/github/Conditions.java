package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Literal;

/** Facts about {@code if:} conditions that several checks share. */
final class Conditions {
    private Conditions() {
    }

    /**
     * True for a condition that is a falsy constant ({@code if: false}, {@code if: ${{ false }}}, {@code 0},
     * {@code ''}, {@code null}): the step or job never runs. Such steps are kept only so that update bots track
     * the action, and what they would do at run time does not happen.
     */
    static boolean neverRuns(IfCondition condition) {
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()) {
            return false;
        }
        Condition parsed = condition.parsed();
        if (!(parsed.expr() instanceof Literal literal)) {
            return false;
        }
        Object value = literal.value();
        return value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || (value instanceof Double d && (d == 0.0 || d.isNaN()));
    }
}
