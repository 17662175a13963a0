package dev.cimatrix.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The right to use a state store for one run, held as an operating-system lock on a file beside it (not on the
 * database itself, whose own locks SQLite manages and which closing another handle on it would drop). The lock
 * ends with the process, however it ends; the file stays, as removing it would race with the next run.
 */
final class RunLock {
    private final FileChannel channel;
    /** Null where the file system has no locks. */
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting for the process that has it, after telling {@code whileWaiting}. */
    static RunLock take(Path file, Runnable whileWaiting) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new StoreException("the state store is already open in this process (" + file + ")", e);
        } catch (IOException unsupported) {
            // A file system without locks (some network mounts): the run goes on without taking turns.
            return new RunLock(channel, null);
        }
        try {
            if (lock == null) {
                whileWaiting.run();
                lock = channel.lock();
            }
            return new RunLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void release() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing is left to release: the process's lock goes with the handle.
        }
    }
}
