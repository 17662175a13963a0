package dev.cimatrix.cli;

import java.io.IOException;
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
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
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
