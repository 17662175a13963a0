package dev.cimatrix.cli;

/** A mistake of the user (an unknown id, an unwritable output file): reported in one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
