package dev.cimatrix.model.expr;

/**
 * One {@code ${{ … }}} inside a YAML string. {@code offset} and {@code length} cover the whole occurrence
 * including the delimiters; {@code source} is the text between them, in which the offsets of
 * {@code expr} are counted.
 */
public record Embedded(Expr expr, String source, int offset, int length) {
    /** Length of the opening delimiter (a dollar sign and two braces), after which {@code source} starts. */
    public static final int OPEN_LENGTH = 3;

    /** Offset in the enclosing string of the first character of {@code source}. */
    public int sourceOffset() {
        return offset + OPEN_LENGTH;
    }

    public int endOffset() {
        return offset + length;
    }
}
