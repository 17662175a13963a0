package dev.cimatrix.model;

import java.util.List;

/**
 * A value as written in a definition file, with its location and the expressions embedded in it.
 * {@code value} is the text after YAML unescaping; for a non-scalar YAML value that a model field still
 * treats as text, it is the node's source text.
 */
public record Scalar(String value, Location location, List<ExpressionUse> expressions) {
    public Scalar {
        expressions = List.copyOf(expressions);
    }

    public static Scalar of(String value, Location location) {
        return new Scalar(value, location, List.of());
    }

    public boolean hasExpressions() {
        return !expressions.isEmpty();
    }

    /** True when the whole value is exactly one expression, as in {@code if: ${{ x }}}. */
    public boolean isSingleExpression() {
        return expressions.size() == 1 && value.strip().startsWith("${{") && value.strip().endsWith("}}")
                && value.strip().indexOf("${{", 3) < 0;
    }
}
