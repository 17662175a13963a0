package dev.cimatrix.model.expr;

/**
 * A constant: {@code null}, a {@link Boolean}, a {@link Double} (decimal, hexadecimal, exponent forms,
 * {@code NaN}, {@code Infinity}) or a {@link String} with its {@code ''} escapes already resolved.
 */
public record Literal(Object value, int start, int end) implements Expr {
    public Literal {
        if (value != null && !(value instanceof Boolean) && !(value instanceof Double) && !(value instanceof String)) {
            throw new IllegalArgumentException("not a literal value: " + value.getClass().getName());
        }
    }
}
