package dev.cimatrix.cli;

/** A mistake of the user (an unknown id, an unwritable output file): reported in one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /** Refuses a number option below its least value, naming the option and the value given. */
    static void requireAtLeast(String option, long value, long least) {
        if (value < least) {
            throw new UsageException(option + " must be at least " + least + ", not " + value);
        }
    }
}
