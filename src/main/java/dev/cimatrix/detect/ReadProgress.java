package dev.cimatrix.detect;

/**
 * How far a detector has read: the file it is on and the bytes of it read so far (compressed bytes for gzip),
 * written by the reading thread and read by a progress display on another.
 */
public final class ReadProgress {
    private volatile String file;
    private volatile int filesStarted;
    /** The file's size in bytes, or -1 when it has none (a pipe). */
    private volatile long size = -1;
    private volatile long read;
    /** While the events of a file that runs newest first are handed on oldest first: how many, and how many done. */
    private volatile long reorderTotal = -1;
    private volatile long reordered;

    void start(String file, long size) {
        this.read = 0;
        this.reorderTotal = -1;
        this.size = size;
        this.file = file;
        this.filesStarted = filesStarted + 1;
    }

    /** Only the reading thread adds, so the increment needs no lock. */
    void add(long bytes) {
        read = read + bytes;
    }

    void reordering(long total) {
        this.reordered = 0;
        this.reorderTotal = total;
    }

    void reordered(long events) {
        reordered = reordered + events;
    }

    void reorderingDone() {
        this.reorderTotal = -1;
    }

    /** The events being handed on oldest first, or -1 when none are. */
    public long reorderTotal() {
        return reorderTotal;
    }

    public long reordered() {
        return reordered;
    }

    /** The file being read, or null before the first. */
    public String file() {
        return file;
    }

    /** How many files have been started, the current one included. */
    public int filesStarted() {
        return filesStarted;
    }

    public long size() {
        return size;
    }

    public long read() {
        return read;
    }
}
