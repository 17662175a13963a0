package dev.cimatrix.discover;

import dev.cimatrix.io.IoReason;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;

/** What the followers of includes and templates share: finding a repository's root, and checking a named file. */
final class LocalFiles {
    private LocalFiles() {
    }

    /** The nearest folder above a file that holds an entry of one of these names; null when none does. */
    static Path nearestAbove(Path file, String... markers) {
        Path dir = file.getParent();
        for (int depth = 0; dir != null && depth < 64; depth++, dir = dir.getParent()) {
            for (String marker : markers) {
                if (Files.exists(dir.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                    return dir;
                }
            }
        }
        return null;
    }

    /**
     * Whether a named file is a regular file (not a link), saying why not at the reference when {@code problems} is
     * given.
     *
     * @param what    the file as the message names it: "template steps/x.yml"
     * @param missing what a missing file means, for the message
     */
    static boolean regularFile(Path file, String what, Location at, Collection<ReadProblem> problems, String missing) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                return true;
            }
            if (problems != null) {
                problems.add(new ReadProblem(at, what + " is not a regular file, so not read", false));
            }
        } catch (IOException e) {
            if (problems != null) {
                problems.add(new ReadProblem(at, what + " cannot be read (" + IoReason.of(e) + "); " + missing, false));
            }
        }
        return false;
    }

    /** A file's path relative to the scan's folder, '/'-separated; its own path when it is not under it. */
    static String relative(Path base, Path file) {
        return file.startsWith(base) ? FileFinder.relativePath(base, file)
                : file.toString().replace(java.io.File.separatorChar, '/');
    }

    /** A file's size, or -1 when it cannot be read. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
