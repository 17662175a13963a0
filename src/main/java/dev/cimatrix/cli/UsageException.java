package dev.cimatrix.cli;

import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Fails unless {@code file} is a regular file (or a link to one); {@code kind} names it ("model", say). */
    static void requireFile(Path file, String kind) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(file + ": a folder, not a " + kind + " file");
        }
        throw new UsageException(file + (Files.exists(file) ? ": not a regular file, so not read as a " + kind + " file"
                : ": no such " + kind + " file"));
    }
}
