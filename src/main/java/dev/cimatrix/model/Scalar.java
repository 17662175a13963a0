package dev.cimatrix.model;

import java.util.List;
import java.util.Objects;

/**
 * A value as written in a definition file, with its location and the expressions embedded in it.
 * {@code value} is the text after YAML unescaping; for a non-scalar YAML value that a model field still
 * treats as text, it is the node's source text.
 *
 * @param locator maps a span of {@code value} back to the file, so a finding inside a multi-line script
 *                points at its own line; not part of equality
 */
public record Scalar(String value, Location location, List<ExpressionUse> expressions, Locator locator) {
    /** Where a span of a scalar's text stands in the file. */
    @FunctionalInterface
    public interface Locator {
        Location locate(int offset, int length);
    }

    public Scalar {
        expressions = List.copyOf(expressions);
        if (locator == null) {
            Location whole = location;
            locator = (offset, length) -> whole;
        }
    }

    public Scalar(String value, Location location, List<ExpressionUse> expressions) {
        this(value, location, expressions, null);
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

    /**
     * True when {@code use}, one of this value's expressions, stands on a line of a multi-line value whose text starts
     * with {@code #}: a line commented out in shell, Python, PowerShell and YAML, which GitHub still evaluates but which
     * the script never reads.
     */
    public boolean onCommentedLine(ExpressionUse use) {
        return value.indexOf('\n') >= 0 && use.offset() <= value.length() && onCommentedLine(use.offset());
    }

    /** True when the line of the value that holds {@code offset} starts (before it) with {@code #}. */
    public boolean onCommentedLine(int offset) {
        int lineStart = value.lastIndexOf('\n', offset - 1) + 1;
        return value.substring(lineStart, offset).strip().startsWith("#");
    }

    /**
     * The location of {@code value.substring(offset, offset + length)}; the whole scalar's location when the
     * span cannot be placed (values kept as source text, or spans out of range).
     */
    public Location locate(int offset, int length) {
        if (offset < 0 || length < 1 || offset + length > value.length()) {
            return location;
        }
        return locator.locate(offset, length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scalar s && value.equals(s.value) && location.equals(s.location)
                && expressions.equals(s.expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, location, expressions);
    }
}
