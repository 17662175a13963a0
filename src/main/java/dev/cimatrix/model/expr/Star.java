package dev.cimatrix.model.expr;

/** The object filter {@code target.*} or {@code target[*]}: every element or property value of target. */
public record Star(Expr target, int start, int end) implements Expr {
}
