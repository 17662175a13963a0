package dev.cimatrix.discover;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** The top of the git working tree a folder is in: the nearest folder at or above it that holds {@code .git}. */
final class WorkTree {
    private WorkTree() {
    }

    /** The working tree's top folder, for an absolute folder; empty outside any working tree. */
    static Optional<Path> of(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            // A folder in a clone, a file in a linked worktree or a submodule.
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
