package dev.cimatrix.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
            // Large buffers: a report of megabytes is written in a few system calls rather than thousands.
            try (Writer out = new BufferedWriter(new OutputStreamWriter(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), StandardCharsets.UTF_8), 1 << 16)) {
                body.writeTo(out);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + reason(e));
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
