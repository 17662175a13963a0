package dev.cimatrix.model.expr;

/** A parsed expression. */
public interface Expr {
    int start();

    int end();
}
