package dev.cimatrix.model.expr;

/** {@code !operand}: always a boolean. */
public record Not(Expr operand, int start, int end) implements Expr {
}
