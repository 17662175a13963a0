package dev.cimatrix.detect;

import dev.cimatrix.io.IoReason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Hands each file's events to the rules oldest first. Audit-log exports list events newest first (GitHub's audit-log
 * API by default, CloudTrail's lookup-events always), while correlations, first-seen baselines
 * and learning periods read event time forwards: counted backwards, five deletions spread over ten hours look like a
 * burst within one, and a learning period starts at the newest event and swallows every older one.
 *
 * <p>The first events of a file are held back until their order is known: until their times have risen
 * {@value #PROBE_LEAD} more times than they fell or the reverse, or for at most {@value #PROBE_EVENTS} events or
 * {@value #PROBE_BYTES} bytes. If their times mostly fall, the file runs newest first: its events are set aside in a
 * temporary file as they are read, each followed by its line and length, and handed on from the end of that file
 * back to its start once the file is read. Otherwise the held events are handed on in file order and the rest pass
 * straight through. Memory stays bounded either way; a file read newest first costs a second parse of its events.
 * A followed log is never held back: it grows at its end, with its newest events.
 */
final class OldestFirst {
    static final int PROBE_EVENTS = 64;
    static final long PROBE_BYTES = 8L << 20;
    /** The order is clear as soon as the times have risen this many more times than fallen, or the reverse. */
    static final int PROBE_LEAD = 8;
    /** After each set-aside event: its line (8 bytes) and its length (4 bytes). */
    private static final int TRAILER = Long.BYTES + Integer.BYTES;
    private static final int BLOCK = 1 << 20;

    /** Receives an event to parse again and evaluate; the bytes are valid only during the call. */
    interface Replay {
        void event(byte[] bytes, int offset, int length, long line);
    }

    private enum Mode { PASS, PROBE, SET_ASIDE }

    private record Held(byte[] bytes, long line) {
    }

    private final Replay replay;
    private final DetectStats stats;
    private final ReadProgress progress;
    private final Path temporaryFolder;
    private Mode mode = Mode.PASS;
    private String label;
    private final List<Held> held = new ArrayList<>();
    private long heldBytes;
    /** The last known time among the held events, and how often the times rose and fell from one to the next. */
    private long previousTime;
    private int rises;
    private int falls;
    /** The set-aside file, its bytes written so far, the records not yet written, and the longest record. */
    private Path asideFile;
    private FileChannel aside;
    private long written;
    private final byte[] pending = new byte[BLOCK];
    private int pendingLength;
    private int longestRecord;
    private long setAsideCount;

    /** @param temporaryFolder where set-aside files go, or null for the system's temporary folder */
    OldestFirst(Replay replay, DetectStats stats, ReadProgress progress, Path temporaryFolder) {
        this.replay = replay;
        this.stats = stats;
        this.progress = progress;
        this.temporaryFolder = temporaryFolder;
    }

    /** The file being read. */
    String label() {
        return label;
    }

    /** A new file starts; with {@code reorder} false its events pass straight through. */
    void startFile(String label, boolean reorder) {
        this.label = label;
        this.mode = reorder ? Mode.PROBE : Mode.PASS;
        this.previousTime = EventTime.UNKNOWN;
        this.rises = 0;
        this.falls = 0;
    }

    /**
     * True when the event is kept, to be handed to the replay later; false when it is to be evaluated now, as
     * read. {@code time} is the event's own time, or {@link EventTime#UNKNOWN}.
     */
    boolean holds(byte[] bytes, int offset, int length, long line, long time) {
        switch (mode) {
            case PASS -> {
                return false;
            }
            case PROBE -> {
                held.add(new Held(Arrays.copyOfRange(bytes, offset, offset + length), line));
                heldBytes += length;
                step(time);
                if (Math.abs(rises - falls) >= PROBE_LEAD || held.size() >= PROBE_EVENTS
                        || heldBytes >= PROBE_BYTES) {
                    decide();
                }
                return true;
            }
            default -> {
                try {
                    setAside(bytes, offset, length, line);
                    return true;
                } catch (IOException e) {
                    giveUpSettingAside(line, e);
                    return false;
                }
            }
        }
    }

    /** The file has been read: what was kept is handed on, oldest first. */
    void endFile() {
        try {
            if (mode == Mode.PROBE) {
                if (runsNewestFirst()) {
                    stats.readOldestFirst(label);
                    Collections.reverse(held);
                }
                handOnHeld();
            } else if (mode == Mode.SET_ASIDE) {
                handOnSetAside();
            }
        } finally {
            held.clear();
            heldBytes = 0;
            closeAside();
            mode = Mode.PASS;
        }
    }

    /** Counts whether the time of a held event rises or falls from the last known one. */
    private void step(long time) {
        if (time == EventTime.UNKNOWN) {
            return;
        }
        if (previousTime != EventTime.UNKNOWN) {
            if (time < previousTime) {
                falls++;
            } else if (time > previousTime) {
                rises++;
            }
        }
        previousTime = time;
    }

    /** The held events show the file's order: newest first when more of their times fall than rise. */
    private boolean runsNewestFirst() {
        return falls > rises;
    }

    private void decide() {
        if (!runsNewestFirst()) {
            handOnHeld();
            mode = Mode.PASS;
            return;
        }
        stats.readOldestFirst(label);
        mode = Mode.SET_ASIDE;
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            try {
                setAside(h.bytes(), 0, h.bytes().length, h.line());
            } catch (IOException e) {
                giveUpSettingAside(h.line(), e);
                // The rest of the held events are read as the file has them, after those set aside.
                held.subList(0, i).clear();
                handOnHeld();
                return;
            }
        }
        held.clear();
        heldBytes = 0;
    }

    private void handOnHeld() {
        for (Held h : held) {
            replay.event(h.bytes(), 0, h.bytes().length, h.line());
        }
        held.clear();
        heldBytes = 0;
    }

    private void setAside(byte[] bytes, int offset, int length, long line) throws IOException {
        if (aside == null) {
            asideFile = temporaryFolder == null ? Files.createTempFile("cimatrix-newest-first-", ".events")
                    : Files.createTempFile(temporaryFolder, "cimatrix-newest-first-", ".events");
            aside = FileChannel.open(asideFile, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }
        int record = length + TRAILER;
        longestRecord = Math.max(longestRecord, record);
        setAsideCount++;
        if (pendingLength + record > pending.length) {
            flushPending();
        }
        if (record > pending.length) {
            ByteBuffer whole = ByteBuffer.allocate(record).put(bytes, offset, length).putLong(line).putInt(length);
            writeFully(whole.flip());
            return;
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        ByteBuffer.wrap(pending, pendingLength + length, TRAILER).putLong(line).putInt(length);
        pendingLength += record;
    }

    private void flushPending() throws IOException {
        writeFully(ByteBuffer.wrap(pending, 0, pendingLength));
        pendingLength = 0;
    }

    /** Writes at {@link #written}, which moves only once the whole buffer is on disk. */
    private void writeFully(ByteBuffer buffer) throws IOException {
        long at = written;
        while (buffer.hasRemaining()) {
            at += aside.write(buffer, at);
        }
        written = at;
    }

    /**
     * Setting aside failed (the disk is full, say): what was set aside is handed on now, oldest first, and the rest
     * of the file is read in its own order, with a problem saying from where.
     */
    private void giveUpSettingAside(long line, IOException e) {
        if (setAsideCount == 0) {
            // Not one event was read oldest first.
            stats.notReadOldestFirst(label);
        }
        stats.problem(new InputProblem(label, line, InputProblem.Kind.NOT_REORDERED,
                "its events run newest first, but they could not be set aside in a temporary file to be read "
                        + "oldest first (" + IoReason.of(e) + "); from here on they are read as the file has them"));
        try {
            handOnSetAside();
        } finally {
            closeAside();
            mode = Mode.PASS;
        }
    }

    /** Hands on the set-aside events from the last to the first: the pending ones, then the file's from its end. */
    private void handOnSetAside() {
        progress.reordering(setAsideCount);
        try {
            handOnSetAsideBackwards();
        } finally {
            progress.reorderingDone();
        }
    }

    private void handOnSetAsideBackwards() {
        int end = handOnBackwards(pending, pendingLength);
        if (end != 0) {
            throw new IllegalStateException("set-aside events out of step at " + end);
        }
        pendingLength = 0;
        if (aside == null || written == 0) {
            return;
        }
        byte[] block = new byte[Math.max(BLOCK, longestRecord)];
        long position = written;
        try {
            while (position > 0) {
                int size = (int) Math.min(block.length, position);
                long start = position - size;
                ByteBuffer into = ByteBuffer.wrap(block, 0, size);
                while (into.hasRemaining()) {
                    if (aside.read(into, start + into.position()) < 0) {
                        throw new IOException("the set-aside file " + asideFile + " ended early");
                    }
                }
                int left = handOnBackwards(block, size);
                if (left == size) {
                    throw new IllegalStateException("set-aside record longer than its block at " + position);
                }
                position = start + left;
            }
        } catch (IOException e) {
            stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNREADABLE,
                    "the events set aside to be read oldest first could not be read back (" + IoReason.of(e) + ")"));
        }
    }

    /**
     * Hands on the whole records that end at {@code end} of the bytes, last first; returns where the first of them
     * starts (0 when the bytes hold whole records only).
     */
    private int handOnBackwards(byte[] bytes, int end) {
        ByteBuffer view = ByteBuffer.wrap(bytes);
        while (end >= TRAILER) {
            long line = view.getLong(end - TRAILER);
            int length = view.getInt(end - Integer.BYTES);
            int start = end - TRAILER - length;
            if (start < 0) {
                break;
            }
            replay.event(bytes, start, length, line);
            progress.reordered(1);
            end = start;
        }
        return end;
    }

    private void closeAside() {
        pendingLength = 0;
        written = 0;
        longestRecord = 0;
        setAsideCount = 0;
        if (aside != null) {
            try {
                aside.close();
            } catch (IOException ignored) {
                // Deleted next, which is all that matters.
            }
            aside = null;
        }
        if (asideFile != null) {
            try {
                Files.deleteIfExists(asideFile);
            } catch (IOException ignored) {
                asideFile.toFile().deleteOnExit();
            }
            asideFile = null;
        }
    }
}
