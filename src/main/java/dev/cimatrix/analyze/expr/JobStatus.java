package dev.cimatrix.analyze.expr;

/**
 * What the status functions return: {@code success()}, {@code failure()} and {@code cancelled()} each
 * {@link Boolean#TRUE}, {@link Boolean#FALSE} or {@link Values#UNKNOWN}. {@code always()} is always true.
 */
public record JobStatus(Object success, Object failure, Object cancelled) {
    /** The usual static view: how earlier steps end is not known. */
    public static final JobStatus UNKNOWN = new JobStatus(Values.UNKNOWN, Values.UNKNOWN, Values.UNKNOWN);

    public JobStatus {
        check(success);
        check(failure);
        check(cancelled);
    }

    private static void check(Object value) {
        if (!(value instanceof Boolean) && !Values.isUnknown(value)) {
            throw new IllegalArgumentException("a status is true, false or unknown, not " + value);
        }
    }
}
