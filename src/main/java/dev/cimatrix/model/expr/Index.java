package dev.cimatrix.model.expr;

/** {@code target[index]} with any expression as the index. */
public record Index(Expr target, Expr index, int start, int end) implements Expr {
}
