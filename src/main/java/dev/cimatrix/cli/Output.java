package dev.cimatrix.cli;

import dev.cimatrix.io.IoReason;

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
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

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
            flush(stdout);
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BasicFileAttributes existing = attributesOrNull(file);
            if (existing != null && !existing.isRegularFile()) {
                // A device, a pipe or a link (-o /dev/stdout): written in place, as it cannot be replaced.
                writeTo(file, body);
                return;
            }
            boolean replacing = existing != null;
            if (replacing && !Files.isWritable(file)) {
                // Replacing it would get round its mode, which a shell's redirection respects.
                throw new AccessDeniedException(file.toString());
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
                Set<PosixFilePermission> permissions = replacing ? standIn(partial, file) : NOTHING_TO_KEEP;
                if (permissions == null) {
                    writeTo(file, body);
                    return;
                }
                writeTo(partial, body);
                if (permissions != NOTHING_TO_KEEP) {
                    Files.setPosixFilePermissions(partial, permissions);
                }
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + IoReason.of(e));
        }
    }

    /**
     * Flushes standard output and fails when anything written to it was lost (a full disk, a closed file), but
     * not when its reader stopped reading ({@code | head}): what it did not read, it did not want.
     */
    static void flush(PrintWriter stdout) {
        stdout.flush();
        if (stdout.checkError() && !readerGone(stdout)) {
            String reason = stdout instanceof StandardOutput standard ? standard.failure() : null;
            throw new UsageException("cannot write to standard output" + (reason == null ? "" : ": " + reason));
        }
    }

    /**
     * Refuses an output that is a folder before the run rather than after it: a long scan or detection would
     * otherwise end with "Is a directory" and nothing written.
     */
    static void refuseFolder(Path output) {
        if (output != null && Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a folder; name a file (in it, say)");
        }
    }

    /**
     * Refuses an output file that is one of the files the command read: writing it would destroy an input
     * ({@code detect -o audit.jsonl audit.jsonl}). Only inputs of the output's name are compared, by file.
     */
    static void refuseInput(Path output, Stream<Path> inputs) {
        if (output == null || !Files.isRegularFile(output)) {
            return;
        }
        Path name = output.getFileName();
        inputs.filter(input -> name.equals(input.getFileName()) && sameFile(input, output)).findFirst().ifPresent(input -> {
            throw new UsageException("--output " + output + " is " + (input.equals(output) ? "" : input + ", ")
                    + "a file this run reads; writing the result there would overwrite it, so name another file");
        });
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether standard output goes to a pipe whose reader has closed it. */
    static boolean readerGone(PrintWriter stdout) {
        return stdout instanceof StandardOutput standard && standard.readerGone();
    }

    /** The file's own attributes (a link's, not its target's), or null when there is no such file. */
    private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void writeTo(Path file, Body body) throws IOException {
        // Large buffers: a report of megabytes is written in a few system calls rather than thousands.
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), StandardCharsets.UTF_8), 1 << 16)) {
            body.writeTo(out);
        }
    }

    /** What {@link #standIn} returns when the file system keeps no POSIX attributes. */
    private static final Set<PosixFilePermission> NOTHING_TO_KEEP = Collections.unmodifiableSet(
            EnumSet.noneOf(PosixFilePermission.class));

    /**
     * Makes the new file stand in for the existing one as others see it: its group, and its permissions (with the
     * owner's write meanwhile, for the writing), so a private report stays private. Returns the permissions to
     * give it once written, or null when the file must be written in place instead, as a shell's redirection
     * would: it belongs to someone else, its group cannot be given, or it has other names (hard links) that
     * would go on showing the old text.
     */
    private static Set<PosixFilePermission> standIn(Path partial, Path file) throws IOException {
        PosixFileAttributes existing;
        try {
            existing = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return NOTHING_TO_KEEP;
        }
        Object links;
        try {
            links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            links = 1;
        }
        PosixFileAttributes fresh = Files.readAttributes(partial, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!(links instanceof Integer n && n == 1) || !existing.owner().equals(fresh.owner())) {
            return null;
        }
        if (!existing.group().equals(fresh.group())) {
            try {
                Files.getFileAttributeView(partial, PosixFileAttributeView.class).setGroup(existing.group());
            } catch (FileSystemException e) {
                return null;
            }
        }
        Set<PosixFilePermission> writable = EnumSet.of(PosixFilePermission.OWNER_WRITE);
        writable.addAll(existing.permissions());
        Files.setPosixFilePermissions(partial, writable);
        return existing.permissions();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
