package dev.cimatrix.discover.github.expr;

/**
 * An expression or template that GitHub would reject. {@link #column()} is the 0-based character offset of
 * the problem within the text that was given to the parser or scanner; {@link #reason()} says what is wrong
 * without repeating the position.
 */
public final class ExpressionSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String reason;

    public ExpressionSyntaxException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }

    /** The same error with its column moved by {@code delta}, for an expression embedded in a larger string. */
    ExpressionSyntaxException shifted(int delta) {
        return new ExpressionSyntaxException(column + delta, reason);
    }
}
