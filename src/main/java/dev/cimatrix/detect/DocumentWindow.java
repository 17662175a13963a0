package dev.cimatrix.detect;

import java.io.IOException;
import java.io.InputStream;

/**
 * The input of a whole-document log (a JSON array, a CloudTrail {@code Records} file) as a parser reads it, with the
 * bytes of the event being read kept in one buffer of fixed size, so that a document of any size is read in bounded
 * memory and each event's text is still at hand when it is matched.
 *
 * <p>Positions are absolute: counted from the first byte served, as the parser counts them. The buffer is compacted
 * only when an event starts ({@link #keepFrom}) with too little room left behind it, so positions taken while an
 * event is read stay valid to its end; an event longer than the room is more than the event size limit, and is read
 * through with its start let go ({@link #overflowed}).
 */
final class DocumentWindow extends InputStream {
    private final InputStream source;
    private final byte[] buffer;
    /** What must be free behind an event's start for the event to fit: the event size limit and a read ahead. */
    private final int room;
    private final int readSize;
    /** The absolute position of {@code buffer[0]}. */
    private long origin;
    /** Bytes in the buffer, served or not. */
    private int filled;
    /** Bytes of the buffer served to the parser. */
    private int served;
    private boolean overflowed;
    private boolean ended;

    DocumentWindow(InputStream source, int maxEventBytes, int readSize) {
        this.source = source;
        this.readSize = readSize;
        this.room = maxEventBytes + 2 * readSize;
        this.buffer = new byte[2 * room];
    }

    /** The buffer; an absolute position {@code p} is at {@code p + base()} in it. */
    byte[] buffer() {
        return buffer;
    }

    /** What turns an absolute position into an index of {@link #buffer}. */
    long base() {
        return -origin;
    }

    /** The index in {@link #buffer} up to which it holds bytes read: what is beyond is left from earlier. */
    int filledEnd() {
        return filled;
    }

    /** Every byte served so far. */
    long served() {
        return origin + served;
    }

    /**
     * An event starts at {@code position}: the bytes before it are no longer needed, and they are let go now if the
     * room behind it is short, so that the event cannot need the buffer moved while it is read.
     */
    void keepFrom(long position) {
        overflowed = false;
        int start = (int) Math.min(served, Math.max(0, position - origin));
        if (buffer.length - start < room) {
            compact(start);
        }
    }

    /** Whether the event being read outgrew the room, so that its first bytes were let go. */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * Whether the object whose opening brace is at {@code position} starts with these tokens, each after optional
     * blanks (a first key, say, or a first key, its colon and its value), reading ahead as far as it takes to see
     * them (the bytes read are served later as usual).
     */
    boolean opensWith(long position, byte[][] tokens) throws IOException {
        long at = position + 1;
        for (byte[] token : tokens) {
            while (true) {
                if (!ensure(at)) {
                    return false;
                }
                if (!LogReader.isBlank(buffer[(int) (at - origin)])) {
                    break;
                }
                at++;
            }
            for (int k = 0; k < token.length; k++, at++) {
                if (!ensure(at) || buffer[(int) (at - origin)] != token[k]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (served == filled && !fill()) {
            return -1;
        }
        return buffer[served++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (served == filled && !fill()) {
            return -1;
        }
        int n = Math.min(length, filled - served);
        System.arraycopy(buffer, served, into, offset, n);
        served += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /**
     * Whether the byte at the absolute position is in the buffer, reading on to it if need be; false past the end, or
     * when it is so far ahead that the bytes before it were let go.
     */
    private boolean ensure(long position) throws IOException {
        while (position - origin >= filled) {
            if (!fill()) {
                return false;
            }
        }
        return position >= origin;
    }

    /** Reads more of the source behind what the buffer holds; false at its end. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (buffer.length - filled < readSize) {
            // Only an event longer than the room gets here: it is over the size limit, and its start is let go.
            overflowed = true;
            compact(served);
        }
        int n = source.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
            ended = true;
            return false;
        }
        filled += n;
        return true;
    }

    private void compact(int from) {
        System.arraycopy(buffer, from, buffer, 0, filled - from);
        origin += from;
        filled -= from;
        served -= from;
    }
}
