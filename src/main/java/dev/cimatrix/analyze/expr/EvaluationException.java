package dev.cimatrix.analyze.expr;

/** An expression that parses but fails when run: a bad {@code format} string, invalid JSON, a non-boolean {@code case} condition. */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
