package dev.cimatrix.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;

/**
 * A walk of a folder (with {@code Files.walkFileTree}, links not followed) that goes on past what it cannot look
 * into: a file or folder that cannot be opened, and a folder whose listing fails part way (in {@code /proc}
 * entries come and go, and some may not be read even by the superuser), are told to {@link #failed} and the
 * rest is walked. Only the folder the walk starts from, when it cannot be opened at all, ends it, with the
 * exception, for the caller to report.
 */
public abstract class FolderWalk extends SimpleFileVisitor<Path> {
    private final Path root;

    protected FolderWalk(Path root) {
        this.root = root;
    }

    /** The folder the walk starts from. */
    protected final Path root() {
        return root;
    }

    /** What could not be read or listed, in whole or, for a folder, in part; what was listed of it is kept. */
    protected abstract void failed(Path path, IOException e);

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (file.equals(root)) {
            throw e;
        }
        failed(file, e);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
        if (e != null) {
            failed(dir, e);
        }
        return FileVisitResult.CONTINUE;
    }
}
