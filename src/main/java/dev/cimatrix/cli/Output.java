package dev.cimatrix.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a command's result to {@code --output FILE} or to standard output. */
final class Output {
    private Output() {
    }

    static void write(String text, Path file, PrintWriter stdout) {
        write(out -> out.write(text), file, stdout);
    }

    /** What writes a large result piece by piece instead of building it as one string. */
    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    static void write(Body body, Path file, PrintWriter stdout) {
        if (file == null) {
            try {
                body.writeTo(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdout.flush();
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                // A device, a pipe or a link (-o /dev/stdout): written in place, as it cannot be replaced.
                writeTo(file, body);
                return;
            }
            // A regular file is written whole or not at all: a run that fails part way leaves the file as it was,
            // never a truncated report for the next step of a pipeline to read.
            Path partial = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
            try {
                Files.createFile(partial);
            } catch (AccessDeniedException e) {
                // A folder that takes no new file, though the file in it may be written: in place, then.
                writeTo(file, body);
                return;
            }
            // Also when the run is stopped (Ctrl-C) before it ends.
            partial.toFile().deleteOnExit();
            try {
                writeTo(partial, body);
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + reason(e));
        }
    }

    private static void writeTo(Path file, Body body) throws IOException {
        // Large buffers: a report of megabytes is written in a few system calls rather than thousands.
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), StandardCharsets.UTF_8), 1 << 16)) {
            body.writeTo(out);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String reason(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file or directory";
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException" -> "a file is in the way";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
