package dev.cimatrix.model;

import dev.cimatrix.model.expr.Condition;

/**
 * An {@code if:} as written and as GitHub reads it.
 *
 * @param parsed the condition, or null when it does not parse (the reader reports that as a problem)
 */
public record IfCondition(Scalar text, Condition parsed) {
}
