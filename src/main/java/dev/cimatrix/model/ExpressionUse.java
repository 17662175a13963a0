package dev.cimatrix.model;

import dev.cimatrix.model.expr.Expr;

/**
 * One {@code ${{ … }}} expression inside a YAML value: its parsed form, its source text (without the
 * delimiters) and where it stands in the file.
 */
public record ExpressionUse(Expr expr, String source, Location location) {
}
