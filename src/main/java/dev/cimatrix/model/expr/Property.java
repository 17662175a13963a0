package dev.cimatrix.model.expr;

/** {@code target.name}; the name keeps its spelling, lookups ignore case as GitHub's do. */
public record Property(Expr target, String name, int start, int end) implements Expr {
}
