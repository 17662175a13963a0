package dev.cimatrix.detect;

import dev.cimatrix.io.IoReason;
import org.apache.commons.io.input.ReaderInputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.base.ParserBase;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads log files into events: JSON Lines, JSON arrays, CloudTrail {@code {"Records": [...]}} files, and gzip of any
 * of them (recognised by the gzip magic bytes, not the name). JSON Lines are parsed line by line from a reused buffer,
 * so a corrupt line costs only that line; whole-document formats are parsed as they stream, keeping only the event
 * being read.
 */
public final class LogReader {
    /** The tail Jackson adds to a limit's message, naming the constraint: ", from `StreamReadConstraints…`)". */
    private static final Pattern CONSTRAINT_NAME = Pattern.compile(", from `[^`]*`\\)");

    /** Events larger than this are skipped with a note rather than read. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;
    private static final int READ_CHUNK = 1 << 16;
    /** The file name that stands for standard input. */
    public static final String STANDARD_INPUT = "-";
    /** How often a followed file is looked at for more lines, or for a new file in its place. */
    public static final long FOLLOW_POLL_MILLIS = 200;
    /** The UTF-8 byte-order mark, skipped at the start of a file or of a line. */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** The field of a lookup-events element that holds the CloudTrail record. */
    private static final String LOOKUP_RECORD = "CloudTrailEvent";

    /**
     * An object that holds events rather than being one, told by how it opens (checked at every object that may be
     * an event, so its tokens are encoded once), with the key of its array of events.
     */
    private enum Wrapper {
        /** A CloudTrail log file: {@code {"Records": [...]}}. */
        RECORDS("Records", "\"Records\""),
        /**
         * What {@code aws cloudtrail lookup-events} writes: {@code {"Events": [{"EventId": …, "CloudTrailEvent":
         * "<the record, as a JSON string>"}, …], "NextToken": …}}.
         */
        LOOKUP_EVENTS("Events", "\"Events\""),
        /** A batch the Kubernetes audit webhook backend posts: {@code {"kind": "EventList", …, "items": [...]}}. */
        EVENT_LIST("items", "\"kind\"", ":", "\"EventList\"");

        final String arrayKey;
        final byte[][] opening;

        Wrapper(String arrayKey, String... opening) {
            this.arrayKey = arrayKey;
            this.opening = new byte[opening.length][];
            for (int i = 0; i < opening.length; i++) {
                this.opening[i] = opening[i].getBytes(StandardCharsets.US_ASCII);
            }
        }

        /** The wrapper whose opening follows the brace before {@code from}, or null. */
        static Wrapper at(byte[] bytes, int from, int to) {
            for (Wrapper w : VALUES) {
                if (opensWith(bytes, from, to, w.opening)) {
                    return w;
                }
            }
            return null;
        }

        static Wrapper at(DocumentWindow window, long position) throws IOException {
            for (Wrapper w : VALUES) {
                if (window.opensWith(position, w.opening)) {
                    return w;
                }
            }
            return null;
        }

        private static final Wrapper[] VALUES = values();
    }

    /** Receives each event read; the bytes are valid only during the call. */
    interface EventSink {
        void accept(EventRecord event, byte[] bytes, int offset, int length);
    }

    private final SlotReader slotReader;
    private final EventRecord record;
    private final int maxEventBytes;
    private final DetectStats stats;
    private final ReadProgress progress = new ReadProgress();
    /**
     * The buffer JSON Lines are read through, made once for all files: clearing a megabyte for each would cost more
     * than reading a small file.
     */
    private byte[] lineBuffer;
    private DamageAsEnd damage;
    /** Whether the file being read is UTF-16, transcoded to UTF-8 as it is read. */
    private boolean transcoded;
    private long linesRead;
    private String lastProblemFile;
    private long lastProblemLine;

    LogReader(SlotReader slotReader, EventRecord record, int maxEventBytes, DetectStats stats) {
        this.slotReader = slotReader;
        this.record = record;
        this.maxEventBytes = maxEventBytes;
        this.stats = stats;
    }

    /**
     * Reads one file to its end, or with {@code follow} keeps reading what is appended until {@code stop} says so.
     * Problems are counted in the stats; only an unreadable file is reported as such. With {@code onlyJson}, a file
     * that does not start as JSON (after gzip) is skipped with one note.
     */
    void read(Path path, String label, EventSink sink, boolean follow, boolean onlyJson, BooleanSupplier stop) {
        stats.file();
        boolean regular = !isStandardInput(path) && Files.isRegularFile(path);
        InputStream in;
        try {
            in = open(path, label, regular);
        } catch (IOException e) {
            stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNREADABLE, reason(e)));
            return;
        }
        linesRead = 0;
        // The end of a pipe or of standard input is final: there is nothing to wait for.
        boolean growing = follow && regular;
        try (InputStream stream = in) {
            int first = firstSignificantByte(stream);
            if (first == -1) {
                return;
            }
            if (onlyJson && first != '{' && first != '[') {
                stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNKNOWN_SHAPE,
                        "not a JSON log (it starts with " + describeByte(first) + "); skipped"));
                return;
            }
            if (startsDocument(stream, first)) {
                if (follow) {
                    stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNREADABLE,
                            "--follow reads JSON Lines; this file is one JSON document"));
                    return;
                }
                readDocument(stream, label, sink);
            } else if (growing && transcoded) {
                // The transcoder takes the first end of the file as the end of its text, so nothing appended is seen.
                stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNREADABLE,
                        "--follow reads UTF-8 JSON Lines; this file is UTF-16: read it without --follow, or have it "
                                + "written as UTF-8"));
                return;
            } else {
                readLines(stream, label, sink, growing ? new Followed(path, label) : null, stop);
            }
            if (damage != null && damage.damage != null) {
                stats.problem(new InputProblem(label, 0, InputProblem.Kind.TRUNCATED, reason(damage.damage)
                        + (linesRead > 0 ? "; read up to line " + linesRead : "")));
            }
        } catch (IOException e) {
            stats.problem(new InputProblem(label, 0, InputProblem.Kind.UNREADABLE, reason(e)));
        }
    }

    /**
     * Parses again an event object this reader (or another) handed over, from a copy of its bytes, and hands it to
     * the sink as {@link #read} did.
     */
    void reread(byte[] bytes, int offset, int length, String label, long line, EventSink sink) {
        readSingleObject(bytes, offset, length, 0, label, line, null, sink);
    }

    ReadProgress progress() {
        return progress;
    }

    /** Opens the file, through gzip when it starts with gzip's magic bytes; {@code regular} for a regular file. */
    private InputStream open(Path path, String label, boolean regular) throws IOException {
        damage = null;
        transcoded = false;
        long size = regular ? Files.size(path) : -1;
        BufferedInputStream raw = new BufferedInputStream(new Counted(openFile(path, regular), progress), READ_CHUNK);
        progress.start(label, size);
        try {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            BufferedInputStream bytes = raw;
            if (b1 == 0x1f && b2 == 0x8b) {
                damage = new DamageAsEnd(new GZIPInputStream(raw, READ_CHUNK));
                bytes = new BufferedInputStream(damage, READ_CHUNK);
            }
            InputStream text = asUtf8(bytes);
            transcoded = text != bytes;
            return text;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The text as UTF-8, which the reader works in: a log written as UTF-16 (by PowerShell's {@code >} and
     * {@code Out-File}, say), recognised by its byte order mark or, without one, by the zero byte beside the
     * first character of JSON, is transcoded as it is read. Any other stream is returned as it is.
     */
    static InputStream asUtf8(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean bom = (b1 == 0xFF && b2 == 0xFE) || (b1 == 0xFE && b2 == 0xFF);
        boolean wideJson = (b1 == 0 && (b2 == '{' || b2 == '[')) || ((b1 == '{' || b1 == '[') && b2 == 0);
        if (!bom && !wideJson) {
            return in;
        }
        // Java's UTF-16 decoder reads the byte-order mark, takes the byte order from it and drops it.
        String charset = bom ? "UTF-16" : b1 == 0 ? "UTF-16BE" : "UTF-16LE";
        return new BufferedInputStream(ReaderInputStream.builder().setReader(new InputStreamReader(in, charset))
                .setCharset(StandardCharsets.UTF_8).setBufferSize(READ_CHUNK).get(), READ_CHUNK);
    }

    /** Whether a path names standard input. */
    public static boolean isStandardInput(Path path) {
        return path.toString().equals(STANDARD_INPUT);
    }

    /**
     * The file's bytes: standard input for {@value #STANDARD_INPUT}; a pipe, a FIFO or a {@code /dev/fd} path
     * (process substitution) through a plain file stream, as the channel-based stream of {@link Files} asks them for
     * a size and position they do not have ("Illegal seek").
     */
    private static InputStream openFile(Path path, boolean regular) throws IOException {
        if (isStandardInput(path)) {
            return new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
                @Override
                public void close() {
                    // Standard input stays open: it is not this reader's to close.
                }
            };
        }
        if (regular || !Files.exists(path) || Files.isDirectory(path)) {
            // A missing file or a folder is reported with the reasons Files gives.
            return Files.newInputStream(path);
        }
        return new FileInputStream(path.toFile());
    }

    /** Adds the bytes read from the file to the progress, once per buffer filled. */
    private static final class Counted extends FilterInputStream {
        private final ReadProgress progress;

        Counted(InputStream in, ReadProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            progress.add(skipped);
            return skipped;
        }
    }

    /**
     * Turns damaged or truncated compressed data into an end of input and remembers why, so that buffered bytes
     * decoded before the damage are still delivered (an exception would discard them with the buffer).
     */
    private static final class DamageAsEnd extends FilterInputStream {
        IOException damage;

        DamageAsEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (damage != null) {
                return -1;
            }
            try {
                return super.read();
            } catch (IOException e) {
                damage = e;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (damage != null) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                damage = e;
                return -1;
            }
        }
    }

    /**
     * Peeks the first byte that is not whitespace, past a UTF-8 byte-order mark at the start, leaving the stream where
     * it was; -1 for an input of only blanks.
     */
    private static int firstSignificantByte(InputStream in) throws IOException {
        in.mark(READ_CHUNK);
        try {
            // Byte by byte: from a pipe, what follows the first value may not have been written yet.
            int b = in.read();
            int read = 1;
            if (b == (UTF8_BOM[0] & 0xFF)) {
                int second = in.read();
                int third = in.read();
                read += 2;
                if (second != (UTF8_BOM[1] & 0xFF) || third != (UTF8_BOM[2] & 0xFF)) {
                    return b;
                }
                b = in.read();
                read++;
            }
            while (b != -1 && isBlank((byte) b)) {
                if (read == READ_CHUNK) {
                    return '{';
                }
                b = in.read();
                read++;
            }
            return b;
        } finally {
            in.reset();
        }
    }

    /** A byte as a reader would name it: '#' when printable, else its value. */
    private static String describeByte(int b) {
        return b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    /** Whitespace: what may stand before and between JSON values. */
    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /**
     * A whole JSON document rather than JSON Lines: an array, a {@code Records} wrapper, or an object whose first
     * line is only its opening brace (pretty-printed).
     */
    private static boolean startsDocument(InputStream in, int first) throws IOException {
        if (first == '[') {
            return true;
        }
        in.mark(READ_CHUNK);
        try {
            byte[] head = readFirstLine(in);
            String text = new String(head, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1).stripLeading();
            }
            if (text.matches("(?s)\\{\\s*\"(Records|Events)\"\\s*:.*")) {
                return true;
            }
            int newline = text.indexOf('\n');
            return newline > 0 && text.substring(0, newline).strip().equals("{");
        } finally {
            in.reset();
        }
    }

    /**
     * The input up to the end of its first line with content (at most {@value #READ_CHUNK} bytes), which is all that
     * tells a document from JSON Lines, and no more: from a pipe, more may not have been written yet.
     */
    private static byte[] readFirstLine(InputStream in) throws IOException {
        byte[] head = new byte[READ_CHUNK];
        int n = 0;
        boolean content = false;
        while (n < head.length) {
            int read = in.read(head, n, head.length - n);
            if (read < 0) {
                break;
            }
            for (int i = n; i < n + read; i++) {
                int b = head[i] & 0xFF;
                if (b == '\n' && content) {
                    return Arrays.copyOf(head, i + 1);
                }
                content |= !isBlank(head[i]) && !(i < UTF8_BOM.length && head[i] == UTF8_BOM[i]);
            }
            n += read;
        }
        return Arrays.copyOf(head, n);
    }

    /**
     * Reads a whole-document log as it streams: the parser reads through a {@link DocumentWindow}, which keeps only
     * the event being read, so a document of any size takes the same memory.
     */
    private void readDocument(InputStream in, String label, EventSink sink) throws IOException {
        int skipped = skipByteOrderMark(in);
        DocumentWindow window = new DocumentWindow(in, maxEventBytes, READ_CHUNK);
        try (JsonParser p = EventParsers.open(window)) {
            readRoots(p, new WindowBytes(window), skipped, label, 1, false, sink);
        } finally {
            stats.bytes(skipped + window.served());
        }
    }

    /** Skips a UTF-8 byte-order mark at the stream's position; how many bytes were skipped. */
    private static int skipByteOrderMark(InputStream in) throws IOException {
        in.mark(UTF8_BOM.length);
        byte[] head = in.readNBytes(UTF8_BOM.length);
        if (Arrays.equals(head, UTF8_BOM)) {
            return UTF8_BOM.length;
        }
        in.reset();
        return 0;
    }

    /**
     * Where the bytes a parser reads are, so that an event's text and its unread strings can be taken from them: a
     * range of an array, or a {@link DocumentWindow}. Positions are the parser's byte offsets.
     */
    private interface ParsedBytes {
        byte[] bytes();

        /** What turns a parser position into an index of {@link #bytes}. */
        long base();

        /** An object starts at the position: the bytes of anything before it are no longer needed. */
        void objectStarts(long position);

        /** Whether the object being read outgrew what is kept of it (it is then over the event size limit). */
        boolean overflowed();

        /** The wrapper the object starting at the position is, or null for an event. */
        Wrapper wrapperAt(long position) throws IOException;

        /** Reads the object the parser is at into the event. */
        void readObject(SlotReader reader, JsonParser p, EventRecord event);
    }

    /** A range of an array: a line, or a line's part. */
    private record RangeBytes(byte[] bytes, int offset, int length) implements ParsedBytes {
        @Override
        public long base() {
            return offset;
        }

        @Override
        public void objectStarts(long position) {
            // All of the range is kept.
        }

        @Override
        public boolean overflowed() {
            return false;
        }

        @Override
        public Wrapper wrapperAt(long position) {
            return Wrapper.at(bytes, offset + (int) position + 1, offset + length);
        }

        @Override
        public void readObject(SlotReader reader, JsonParser p, EventRecord event) {
            reader.readObject(p, event, bytes, offset);
        }
    }

    private record WindowBytes(DocumentWindow window) implements ParsedBytes {
        @Override
        public byte[] bytes() {
            return window.buffer();
        }

        @Override
        public long base() {
            return window.base();
        }

        @Override
        public void objectStarts(long position) {
            window.keepFrom(position);
        }

        @Override
        public boolean overflowed() {
            return window.overflowed();
        }

        @Override
        public Wrapper wrapperAt(long position) throws IOException {
            return Wrapper.at(window, position);
        }

        @Override
        public void readObject(SlotReader reader, JsonParser p, EventRecord event) {
            reader.readObject(p, event, window);
        }
    }

    /** {@link #readRoots(JsonParser, ParsedBytes, int, String, long, boolean, EventSink)} over a range of bytes. */
    private void readRoots(byte[] bytes, int offset, int length, int indent, String label, long firstLine,
                           boolean oneLine, EventSink sink) {
        try (JsonParser p = EventParsers.open(bytes, offset, length)) {
            readRoots(p, new RangeBytes(bytes, offset, length), indent, label, firstLine, oneLine, sink);
        } catch (IOException e) {
            // A range of an array is never short of its bytes.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses every top-level value: an object is an event (or a {@code Records} wrapper of events), an array holds
     * events. Stops at the first syntax error, which is reported at its line. The input starts {@code indent} bytes
     * into its first line; with {@code oneLine} it is one line of JSON Lines, so everything in it is at
     * {@code firstLine} (see {@link #lineAt}).
     */
    private void readRoots(JsonParser p, ParsedBytes in, int indent, String label, long firstLine, boolean oneLine,
                           EventSink sink) throws IOException {
        try {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    readArray(p, in, label, firstLine, oneLine, sink);
                } else if (t == JsonToken.START_OBJECT) {
                    long start = p.currentTokenLocation().getByteOffset();
                    in.objectStarts(start);
                    Wrapper wrapper = in.wrapperAt(start);
                    if (wrapper != null) {
                        readWrapper(p, wrapper, in, label, firstLine, oneLine, sink);
                    } else {
                        readEvent(p, in, label, firstLine, oneLine, sink);
                    }
                } else {
                    problem(new InputProblem(label, lineAt(firstLine, p.currentTokenLocation().getLineNr(), oneLine),
                            InputProblem.Kind.UNKNOWN_SHAPE, "a JSON " + describe(t) + ", not an event object"));
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? firstLine
                    : lineAt(firstLine, Math.max(1, e.getLocation().getLineNr()), oneLine);
            problem(new InputProblem(label, line, InputProblem.Kind.PARSE_ERROR, reason(e, indent, oneLine)));
        }
    }

    /**
     * The line of a parser's position in a range read from {@code firstLine}. JSON Lines are lines ended by newlines,
     * but the parser also counts a carriage return alone as a line break: within one line of JSON Lines
     * ({@code oneLine}) its count is not used, so that a problem or event is reported at the line it is on.
     */
    private static long lineAt(long firstLine, int parserLine, boolean oneLine) {
        return oneLine ? firstLine : firstLine + parserLine - 1;
    }

    private void readArray(JsonParser p, ParsedBytes in, String label, long firstLine, boolean oneLine,
                           EventSink sink) throws IOException {
        // A non-object element is reported once the array is complete, so a syntax error later in it wins.
        InputProblem notAnEvent = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                in.objectStarts(p.currentTokenLocation().getByteOffset());
                readEvent(p, in, label, firstLine, oneLine, sink);
            } else {
                if (notAnEvent == null) {
                    notAnEvent = new InputProblem(label, lineAt(firstLine, p.currentTokenLocation().getLineNr(), oneLine),
                            InputProblem.Kind.UNKNOWN_SHAPE, "a JSON " + describe(t) + " in an array of events");
                }
                p.skipChildren();
            }
        }
        if (notAnEvent != null) {
            problem(notAnEvent);
        }
    }

    /** The events of a wrapper, in its array; its other fields are passed over. */
    private void readWrapper(JsonParser p, Wrapper wrapper, ParsedBytes in, String label, long firstLine,
                             boolean oneLine, EventSink sink) throws IOException {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean events = wrapper.arrayKey.equals(p.currentName());
            JsonToken value = p.nextToken();
            if (events && value == JsonToken.START_ARRAY) {
                if (wrapper == Wrapper.LOOKUP_EVENTS) {
                    readLookupEvents(p, in, label, firstLine, oneLine, sink);
                } else {
                    readArray(p, in, label, firstLine, oneLine, sink);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * The elements of lookup-events' {@code Events} array: each holds its CloudTrail record as a JSON string, which
     * is the event, read at the line where its element starts.
     */
    private void readLookupEvents(JsonParser p, ParsedBytes in, String label, long firstLine, boolean oneLine,
                                  EventSink sink) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long line = lineAt(firstLine, p.currentTokenLocation().getLineNr(), oneLine);
            if (t != JsonToken.START_OBJECT) {
                problem(new InputProblem(label, line, InputProblem.Kind.UNKNOWN_SHAPE,
                        "a JSON " + describe(t) + " in the Events array"));
                p.skipChildren();
                continue;
            }
            in.objectStarts(p.currentTokenLocation().getByteOffset());
            String embedded = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean isRecord = LOOKUP_RECORD.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isRecord && value == JsonToken.VALUE_STRING) {
                    embedded = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            if (embedded == null) {
                problem(new InputProblem(label, line, InputProblem.Kind.UNKNOWN_SHAPE,
                        "an element of the Events array without a " + LOOKUP_RECORD + " string"));
                continue;
            }
            if (embedded.length() > maxEventBytes) {
                problem(new InputProblem(label, line, InputProblem.Kind.OVERSIZED, "the " + LOOKUP_RECORD
                        + " string of " + embedded.length() + " characters exceeds the limit of " + maxEventBytes
                        + " bytes"));
                continue;
            }
            byte[] bytes = embedded.getBytes(StandardCharsets.UTF_8);
            int start = skipBlanks(bytes, 0, bytes.length);
            if (start == bytes.length || bytes[start] != '{') {
                problem(new InputProblem(label, line, InputProblem.Kind.UNKNOWN_SHAPE,
                        "the " + LOOKUP_RECORD + " string does not hold an event object"));
                continue;
            }
            readSingleObject(bytes, start, bytes.length - start, 0, label, line, LOOKUP_RECORD, sink);
        }
    }

    /** Whether the bytes from {@code from} hold these tokens, each after optional blanks. */
    private static boolean opensWith(byte[] bytes, int from, int to, byte[][] tokens) {
        int i = from;
        for (byte[] token : tokens) {
            while (i < to && isBlank(bytes[i])) {
                i++;
            }
            if (to - i < token.length) {
                return false;
            }
            for (int k = 0; k < token.length; k++) {
                if (bytes[i + k] != token[k]) {
                    return false;
                }
            }
            i += token.length;
        }
        return true;
    }

    /** One event object whose START_OBJECT the parser has just returned (and its input has been told of). */
    private void readEvent(JsonParser p, ParsedBytes in, String label, long firstLine, boolean oneLine,
                           EventSink sink) {
        long start = p.currentTokenLocation().getByteOffset();
        long line = lineAt(firstLine, p.currentTokenLocation().getLineNr(), oneLine);
        record.clear();
        record.origin(label, line);
        in.readObject(slotReader, p, record);
        long end = p.currentLocation().getByteOffset();
        if (end - start > maxEventBytes || in.overflowed()) {
            problem(new InputProblem(label, line, InputProblem.Kind.OVERSIZED,
                    "event of " + (end - start) + " bytes exceeds the limit of " + maxEventBytes + " bytes"));
            return;
        }
        sink.accept(record, in.bytes(), (int) (start + in.base()), (int) (end - start));
    }

    /**
     * JSON Lines: each line parsed on its own from a buffer that is compacted, never reallocated; a line longer than
     * the event limit is dropped as it streams past, so a huge line never fills memory.
     */
    private void readLines(InputStream in, String label, EventSink sink, Followed followed, BooleanSupplier stop)
            throws IOException {
        if (lineBuffer == null) {
            lineBuffer = new byte[maxEventBytes + READ_CHUNK];
        }
        byte[] buf = lineBuffer;
        int start = 0;
        int end = 0;
        int scan = 0;
        long line = 0;
        long oversizedBytes = -1;
        InputStream current = in;
        try {
            while (true) {
                int newline = indexOf(buf, (byte) '\n', scan, end);
                if (newline >= 0 && oversizedBytes >= 0) {
                    line++;
                    linesRead = line;
                    reportOversized(label, line, oversizedBytes + (newline - start));
                    oversizedBytes = -1;
                    start = newline + 1;
                    scan = start;
                    continue;
                }
                if (newline >= 0) {
                    int last = lastIndexOf(buf, (byte) '\n', newline, end);
                    line += readLineBlock(buf, start, last + 1, line + 1, label, sink);
                    linesRead = line;
                    start = last + 1;
                    scan = start;
                    continue;
                }
                if (end - start >= maxEventBytes) {
                    oversizedBytes = (oversizedBytes < 0 ? 0 : oversizedBytes) + (end - start);
                    start = end;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scan = end;
                int n = current.read(buf, end, buf.length - end);
                if (n > 0) {
                    end += n;
                    stats.bytes(n);
                    continue;
                }
                if (followed != null && !stop.getAsBoolean()) {
                    InputStream replacement = followed.replacement();
                    if (replacement == null) {
                        sleep();
                        continue;
                    }
                    // The file was rotated or cut back: the old one ends here, and the new one is read from its start,
                    // its lines counted from 1, as tail -F does.
                    lastLine(buf, start, end, oversizedBytes, line + 1, label, sink);
                    current.close();
                    current = replacement;
                    start = 0;
                    end = 0;
                    scan = 0;
                    line = 0;
                    linesRead = 0;
                    oversizedBytes = -1;
                    continue;
                }
                lastLine(buf, start, end, oversizedBytes, line + 1, label, sink);
                return;
            }
        } finally {
            current.close();
        }
    }

    /** What is left at the end of the input: a last line without a newline is an event, unless the data was cut. */
    private void lastLine(byte[] buf, int start, int end, long oversizedBytes, long line, String label,
                          EventSink sink) {
        boolean cutShort = damage != null && damage.damage != null;
        if (!cutShort && (end > start || oversizedBytes >= 0)) {
            // After damage it would be the cut-off part of one.
            linesRead = line;
            if (oversizedBytes >= 0) {
                reportOversized(label, line, oversizedBytes + (end - start));
            } else {
                handleLine(buf, start, end, label, line, sink);
            }
        }
    }

    /**
     * A followed file, watched for what {@code tail -F} handles: replaced by a new file at its path (rotation by
     * renaming) or cut back below what was read (rotation by copying and truncating).
     */
    private final class Followed {
        private final Path path;
        private final String label;
        private Object identity;

        Followed(Path path, String label) throws IOException {
            this.path = path;
            this.label = label;
            this.identity = identity(Files.readAttributes(path, BasicFileAttributes.class));
        }

        /** The file's key (device and inode), or its creation time where the file system gives no key. */
        private static Object identity(BasicFileAttributes attributes) {
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        }

        /** The new file opened from its start when the file was replaced or truncated, else null. */
        InputStream replacement() throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException movedAway) {
                return null;
            }
            Object now = identity(attributes);
            if (now.equals(identity) && attributes.size() >= progress.read()) {
                return null;
            }
            identity = now;
            return open(path, label, true);
        }
    }

    /**
     * Reads a block of complete lines with one parser, the fast path: one event object per line. Anything else on a
     * line (a syntax error, an array, a Records wrapper, more than one value, an object spanning lines, a carriage
     * return not followed by a newline) sends that line through {@link #handleLine}, which reports it exactly as a
     * line read alone, and a new parser resumes at the next line. Returns the number of lines in the block.
     *
     * <p>Line numbers come from the parser, which counts line breaks as it reads, so the block's bytes are not
     * passed over a second time to count newlines. Jackson also counts a carriage return not followed by a newline
     * as a line break, which would shift every later line number: such a return can only stand where the parser
     * skips blanks, so the blanks after each event's line and before the next event are checked for one.
     */
    private long readLineBlock(byte[] buf, int from, int to, long firstLine, String label, EventSink sink) {
        int pos = from;
        long line = firstLine;
        while (pos < to) {
            int irregular = -1;
            int rows = 0;
            try (JsonParser p = EventParsers.open(buf, pos, to - pos)) {
                // Where the line after the last event read begins, and that event's line (1-based from pos).
                int nextLineStart = pos;
                int lastRow = 0;
                while (true) {
                    int rootLine = 0;
                    try {
                        JsonToken t = p.nextToken();
                        if (t == null) {
                            if (hasLoneCarriageReturn(buf, nextLineStart, to)) {
                                irregular = lastRow + 1;
                            } else {
                                rows = p.currentLocation().getLineNr() - 1;
                            }
                            break;
                        }
                        int start = pos + tokenStart(p);
                        if (start > nextLineStart && hasLoneCarriageReturn(buf, nextLineStart, start)) {
                            irregular = lastRow + 1;
                            break;
                        }
                        rootLine = tokenLine(p);
                        if (t != JsonToken.START_OBJECT || Wrapper.at(buf, start + 1, to) != null) {
                            irregular = rootLine;
                            break;
                        }
                        record.clear();
                        record.origin(label, line + rootLine - 1);
                        slotReader.readObject(p, record, buf, pos);
                        // The closing brace is the current token, so the event ends just after it.
                        int end = pos + tokenStart(p) + 1;
                        int lineEnd = tokenLine(p) == rootLine ? endOfLine(buf, end, to) : -1;
                        if (lineEnd < 0) {
                            irregular = rootLine;
                            break;
                        }
                        nextLineStart = lineEnd + 1;
                        lastRow = rootLine;
                        if (end - start > maxEventBytes) {
                            problem(new InputProblem(label, line + rootLine - 1, InputProblem.Kind.OVERSIZED,
                                    "event of " + (end - start) + " bytes exceeds the limit of " + maxEventBytes
                                            + " bytes"));
                            continue;
                        }
                        sink.accept(record, buf, start, end - start);
                    } catch (JacksonException e) {
                        // Inside an event its line is known; before one, the line after the last event is read
                        // alone (blank lines before a bad one are passed one at a time).
                        irregular = rootLine > 0 ? rootLine : lastRow + 1;
                        break;
                    }
                }
            }
            if (irregular < 0) {
                return line - firstLine + rows;
            }
            int lineStart = pos;
            for (int k = 1; k < irregular; k++) {
                lineStart = indexOf(buf, (byte) '\n', lineStart, to) + 1;
            }
            int lineEnd = indexOf(buf, (byte) '\n', lineStart, to);
            long number = line + irregular - 1;
            handleLine(buf, lineStart, lineEnd, label, number, sink);
            pos = lineEnd + 1;
            line = number + 1;
        }
        return line - firstLine;
    }

    /**
     * The byte offset of the current token's first byte. The parser of a byte array keeps it as a field; asking for
     * a location instead builds an object, twice per event.
     */
    private static int tokenStart(JsonParser p) {
        if (p instanceof ParserBase base) {
            // The offset is noted once the token's first byte has been read.
            return (int) base.getTokenCharacterOffset() - 1;
        }
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** The 1-based line of the current token's first byte. */
    private static int tokenLine(JsonParser p) {
        return p instanceof ParserBase base ? base.getTokenLineNr() : p.currentTokenLocation().getLineNr();
    }

    /** Reports a problem, at most one per line: a line that is wrong in several ways is reported once. */
    private void problem(InputProblem p) {
        if (p.line() > 0 && p.line() == lastProblemLine && p.file().equals(lastProblemFile)) {
            return;
        }
        lastProblemFile = p.file();
        lastProblemLine = p.line();
        stats.problem(p);
    }

    private void reportOversized(String label, long line, long size) {
        problem(new InputProblem(label, line, InputProblem.Kind.OVERSIZED,
                "line of " + size + " bytes exceeds the limit of " + maxEventBytes + " bytes"));
    }

    private void handleLine(byte[] buf, int from, int to, String label, long line, EventSink sink) {
        int end = to;
        if (end > from && buf[end - 1] == '\r') {
            end--;
        }
        int start = skipBlanks(buf, from, end);
        if (startsWithByteOrderMark(buf, start, end)) {
            // The start of a file, or of one joined to others: the mark says the text is UTF-8, which it must be.
            start = skipBlanks(buf, start + UTF8_BOM.length, end);
        }
        if (start == end) {
            return;
        }
        if (buf[start] == '{' && Wrapper.at(buf, start + 1, end) == null) {
            readSingleObject(buf, start, end - start, start - from, label, line, null, sink);
        } else {
            readRoots(buf, start, end - start, start - from, label, line, true, sink);
        }
    }

    private static int skipBlanks(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes, int from, int to) {
        return to - from >= UTF8_BOM.length && bytes[from] == UTF8_BOM[0] && bytes[from + 1] == UTF8_BOM[1]
                && bytes[from + 2] == UTF8_BOM[2];
    }

    /**
     * The fast path: a line holding one event object, handed over whole without offset bookkeeping. The object
     * starts {@code indent} bytes into the line. {@code embeddedIn} names the string field the object was read from
     * (lookup-events' {@code CloudTrailEvent}), for the problems; null for a line.
     */
    private void readSingleObject(byte[] buf, int start, int length, int indent, String label, long line,
                                  String embeddedIn, EventSink sink) {
        try (JsonParser p = EventParsers.open(buf, start, length)) {
            p.nextToken();
            record.clear();
            record.origin(label, line);
            slotReader.readObject(p, record, buf, start);
            int size = (int) p.currentLocation().getByteOffset();
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                problem(new InputProblem(label, line, InputProblem.Kind.PARSE_ERROR, embeddedIn == null
                        ? "more than one JSON value on the line"
                        : "more than one JSON value in the " + embeddedIn + " string"));
                return;
            }
            if (size > maxEventBytes) {
                // The same limit as on the fast path, which measures the object itself.
                problem(new InputProblem(label, line, InputProblem.Kind.OVERSIZED,
                        "event of " + size + " bytes exceeds the limit of " + maxEventBytes + " bytes"));
                return;
            }
            // The object alone, without the blanks after it, as the block path passes it.
            sink.accept(record, buf, start, size);
        } catch (JacksonException e) {
            problem(new InputProblem(label, line, InputProblem.Kind.PARSE_ERROR, embeddedIn == null
                    ? reason(e, indent, true)
                    : "in the " + embeddedIn + " string: " + reason(e, indent, true)));
        }
    }

    /**
     * The newline ending an event's line when only blanks follow the event up to it, else -1 (another value, or a
     * carriage return not followed by the newline, which the parser would count as a line of its own).
     */
    private static int endOfLine(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\n') {
                return i;
            }
            if (b == '\r') {
                return i + 1 < to && buf[i + 1] == '\n' ? i + 1 : -1;
            }
            if (b != ' ' && b != '\t') {
                return -1;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] buf, byte b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLoneCarriageReturn(byte[] buf, int from, int to) {
        for (int i = indexOf(buf, (byte) '\r', from, to); i >= 0; i = indexOf(buf, (byte) '\r', i + 1, to)) {
            if (i + 1 >= to || buf[i + 1] != '\n') {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void sleep() {
        try {
            Thread.sleep(FOLLOW_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }

    /**
     * The parser's account of a syntax error and the column where it stopped, without what it says of its own
     * settings (the source it does not name, the constraint a limit comes from), which means nothing to the reader
     * of a log. The parser began {@code indent} bytes into its first line; in {@code oneLine} (one line of JSON
     * Lines) the column counts from the line's start even past a carriage return, which the parser takes for a line
     * break.
     */
    static String reason(JacksonException e, int indent, boolean oneLine) {
        String message = e.getOriginalMessage();
        int startMarker = message.indexOf(" (start marker at ");
        if (startMarker >= 0) {
            message = message.substring(0, startMarker);
        }
        message = CONSTRAINT_NAME.matcher(message).replaceAll(")");
        TokenStreamLocation where = e.getLocation();
        if (oneLine && where != null && where.getByteOffset() >= 0) {
            message += ", at column " + (where.getByteOffset() + 1 + indent);
        } else if (where != null && where.getColumnNr() > 0) {
            message += ", at column " + (where.getColumnNr() + (where.getLineNr() == 1 ? indent : 0));
        }
        return message;
    }

    static String reason(IOException e) {
        if (e instanceof EOFException) {
            return "compressed data ends early (truncated gzip)";
        }
        if (e instanceof ZipException) {
            return "damaged gzip data: " + e.getMessage();
        }
        return IoReason.of(e);
    }
}
