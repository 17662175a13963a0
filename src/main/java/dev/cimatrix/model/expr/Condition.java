package dev.cimatrix.model.expr;

import java.util.List;

/**
 * An {@code if:} value as GitHub reads it. A value without expression delimiters is itself an expression, and so is
 * a value that is exactly one {@code ${{ … }}}. Any other value (text around the braces, two of them joined
 * by text, a block scalar's trailing newline) is a string built by interpolation, which GitHub evaluates as
 * a string: truthy whenever it is not empty.
 */
public record Condition(String raw, Form form, Expr expr, List<Embedded> embedded) {

    public enum Form {
        /** {@code if: github.event_name == 'push'} */
        BARE_EXPRESSION,
        /** {@code if: ${{ github.event_name == 'push' }}} */
        WRAPPED_EXPRESSION,
        /** {@code if: ${{ a }} && ${{ b }}} or a {@code |} block ending in a newline */
        INTERPOLATED_STRING
    }

    public Condition {
        embedded = List.copyOf(embedded);
        if ((form == Form.INTERPOLATED_STRING) != (expr == null)) {
            throw new IllegalArgumentException("an interpolated string has no expression; the other forms have one");
        }
    }

    /** Whether GitHub evaluates the value as an expression rather than as an interpolated string. */
    public boolean isExpression() {
        return form != Form.INTERPOLATED_STRING;
    }
}
