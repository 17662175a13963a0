package dev.cimatrix.model;

import dev.cimatrix.model.expr.Expr;

/**
 * One {@code ${{ … }}} expression inside a YAML value: its parsed form, its source text (without the
 * delimiters), where it stands in the file and where it starts in the value's text ({@code offset}, 0 for a condition
 * written without delimiters).
 */
public record ExpressionUse(Expr expr, String source, Location location, int offset) {
}
