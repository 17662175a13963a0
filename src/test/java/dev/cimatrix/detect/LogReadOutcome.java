package dev.cimatrix.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties the log reader's fuzzer checks (docs/fuzzing.md), shared with the tests that replay its findings
 * and with the hand-written cases of {@code LogReaderPropertyTest}:
 *
 * <ul>
 *   <li>reading any bytes throws nothing: whatever cannot be used is counted as a problem;</li>
 *   <li>JSON Lines read a block at a time with one parser (the fast path) give the same events, field values and
 *       problems, at the same lines, as each line read on its own, which is how an irregular line is read;</li>
 *   <li>the strings at the rules' paths are the same whether they are made as they are read (when a rule searches
 *       keywords) or left in the input until a rule asks for them;</li>
 *   <li>with a small event limit, no event larger than the limit is passed on.</li>
 * </ul>
 */
final class LogReadOutcome {
    /** Paths as rules name them: plain keys, nested objects, paths through arrays and literal dotted keys. */
    private static final List<String> PATHS = List.of("action", "actor", "a.b", "data.x.y", "k");
    /**
     * Starts every log compared line by line: a complete object on the first line makes the reader take the
     * input as JSON Lines rather than as one JSON document, whatever follows.
     */
    static final String FIRST_LINE = "{\"action\":\"repo.create\",\"a\":{\"b\":[1,\"x\",null]}}\n";
    /**
     * The event limit of the runs that compare: far above the fuzzer's inputs, so no line is too long whatever way
     * it is read (past the limit, a line is skipped unread when it fills the read buffer, which depends on how the
     * input arrives), and small enough that the reader's buffer is quick to make for every input.
     */
    private static final int LIMIT = 1 << 16;
    /** The limit of the run that checks the limit: small, so that short inputs cross it. */
    private static final int SMALL_LIMIT = 24;

    private LogReadOutcome() {
    }

    /** Checks every property on {@code bytes}, using {@code dir} for the files it reads. */
    static void check(byte[] bytes, Path dir) {
        Read lazy = read(write(dir, "any.log", bytes), table(false), LIMIT);
        Read eager = read(dir.resolve("any.log"), table(true), LIMIT);
        if (!lazy.equals(eager)) {
            throw new AssertionError("values left in the input differ from values made as read:\n" + lazy
                    + "\n----\n" + eager);
        }
        FieldTable table = table(false);
        reader(table, SMALL_LIMIT, new DetectStats())
                .read(dir.resolve("any.log"), "log", (event, b, offset, length) -> {
                    if (length > SMALL_LIMIT) {
                        throw new AssertionError("an event of " + length + " bytes, over the limit of " + SMALL_LIMIT
                                + ", was passed on: " + new String(b, offset, length, StandardCharsets.UTF_8));
                    }
                }, false, false, () -> true);
        sameTogetherAndAlone(bytes, dir);
    }

    /** The second property, on {@link #FIRST_LINE} followed by {@code bytes}. */
    static void sameTogetherAndAlone(byte[] bytes, Path dir) {
        byte[] first = FIRST_LINE.getBytes(StandardCharsets.UTF_8);
        byte[] log = new byte[first.length + bytes.length];
        System.arraycopy(first, 0, log, 0, first.length);
        System.arraycopy(bytes, 0, log, first.length, bytes.length);
        Read together = read(write(dir, "lines.log", log), table(false), LIMIT);

        // Each line alone, as a file of its own. Whatever it yields belongs to that line of the whole log: a line
        // alone may be read as a one-line JSON document, where the parser's count of carriage returns as line
        // breaks is kept, so the line numbers within it are not compared. One reader for all, as for the files of
        // one run; at most one problem per line, as the reader reports them.
        FieldTable table = table(false);
        DetectStats stats = new DetectStats();
        LogReader reader = reader(table, LIMIT, stats);
        List<String> events = new ArrayList<>();
        int lineStart = 0;
        for (long number = 1; lineStart <= log.length; number++) {
            int newline = indexOf(log, (byte) '\n', lineStart);
            int lineEnd = newline < 0 ? log.length : newline;
            byte[] line = Arrays.copyOfRange(log, lineStart, lineEnd);
            // A file that starts as UTF-16 would (a byte-order mark, or a zero byte beside a brace) is read as
            // UTF-16; a line of a UTF-8 log is not. Such a line is read alone after a blank line, which keeps it UTF-8.
            boolean looksWide = line.length >= 2 && ((line[0] & 0xFF) == 0xFE && (line[1] & 0xFF) == 0xFF
                    || (line[0] & 0xFF) == 0xFF && (line[1] & 0xFF) == 0xFE
                    || line[0] == 0 && (line[1] == '{' || line[1] == '[')
                    || (line[0] == '{' || line[0] == '[') && line[1] == 0);
            if (looksWide) {
                byte[] kept = new byte[line.length + 1];
                kept[0] = '\n';
                System.arraycopy(line, 0, kept, 1, line.length);
                line = kept;
            }
            long lineNumber = number + (looksWide ? 1 : 0);
            reader.read(write(dir, "line.log", line),
                    Long.toString(number), (event, b, offset, length) -> events.add(describe(event, table,
                            lineNumber - event.line(), b, offset, length)), false, false, () -> true);
            lineStart = lineEnd + 1;
            if (newline < 0) {
                break;
            }
        }
        List<String> problems = new ArrayList<>();
        String lastLine = null;
        for (InputProblem p : stats.problems()) {
            if (!p.file().equals(lastLine)) {
                problems.add(p.file() + " " + p.kind());
            }
            lastLine = p.file();
        }
        Read alone = new Read(events, problems);
        if (!together.equals(alone)) {
            throw new AssertionError("lines read together and alone differ:\n" + together + "\n----\n" + alone);
        }
    }

    /**
     * The events as JSON Lines, as a JSON array on one line and pretty-printed, and as a CloudTrail {@code Records}
     * file, and some of these as UTF-16: every way gives the same events, texts and field values (lines aside),
     * whether the values are made as read or left in the input. A document larger than the reader's buffers is read through its window, where an
     * event or a string may straddle any two reads.
     */
    static void sameInEveryFormat(List<String> events, Path dir) {
        List<String> pretty = events.stream().map(e -> e.replace(",\"", ",\n  \"")).toList();
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("lines.jsonl", String.join("\n", events) + "\n");
        formats.put("array.json", "[" + String.join(",", events) + "]");
        formats.put("pretty.json", "[\n" + String.join(",\n", pretty) + "\n]\n");
        formats.put("records.json", "{\"Records\": [" + String.join(", ", events) + "]}");
        // Logs written as UTF-16, with a byte order mark or, as JSON, without one, are transcoded as read.
        formats.put("lines-utf16le.jsonl", "\uFEFF" + formats.get("lines.jsonl"));
        formats.put("array-utf16be.json", "\uFEFF" + formats.get("array.json"));
        formats.put("records-utf16le-unmarked.json", formats.get("records.json"));
        Read expected = null;
        for (Map.Entry<String, String> format : formats.entrySet()) {
            String name = format.getKey();
            java.nio.charset.Charset charset = name.contains("utf16le") ? StandardCharsets.UTF_16LE
                    : name.contains("utf16be") ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8;
            Path file = write(dir, name, format.getValue().getBytes(charset));
            Read lazy = withoutLines(read(file, table(false), DEFAULT_LIMIT));
            Read eager = withoutLines(read(file, table(true), DEFAULT_LIMIT));
            if (format.getKey().equals("pretty.json")) {
                // Its events' texts hold the line breaks put in them.
                lazy = new Read(lazy.events().stream().map(e -> e.replace(",\n  \"", ",\"")).toList(), lazy.problems());
                eager = new Read(eager.events().stream().map(e -> e.replace(",\n  \"", ",\"")).toList(), eager.problems());
            }
            if (!lazy.equals(eager)) {
                throw new AssertionError(format.getKey() + ": values left in the input differ from values made as "
                        + "read:\n" + lazy + "\n----\n" + eager);
            }
            if (expected == null) {
                expected = lazy;
            } else if (!expected.equals(lazy)) {
                throw new AssertionError(format.getKey() + " differs from JSON Lines:\n" + lazy + "\n----\n" + expected);
            }
        }
    }

    /** The reader's own event limit. */
    private static final int DEFAULT_LIMIT = LogReader.DEFAULT_MAX_EVENT_BYTES;

    /**
     * A read with each event's leading line number left out, and only the kinds of its problems: the reader reports
     * one problem a line, and a document on one line has all its events on that line.
     */
    private static Read withoutLines(Read read) {
        return new Read(read.events().stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList(),
                read.problems().stream().map(p -> p.substring(p.indexOf(' ') + 1)).distinct().sorted().toList());
    }

    /** What a read gave: each event with its line, text and field values, and each problem with its line. */
    record Read(List<String> events, List<String> problems) {
        @Override
        public String toString() {
            return String.join("\n", events) + "\nproblems: " + problems;
        }
    }

    private static Read read(Path file, FieldTable table, int maxEventBytes) {
        DetectStats stats = new DetectStats();
        LogReader reader = reader(table, maxEventBytes, stats);
        List<String> events = new ArrayList<>();
        reader.read(file, "log", (event, bytes, offset, length) ->
                events.add(describe(event, table, 0, bytes, offset, length)), false, false, () -> true);
        List<String> problems = stats.problems().stream().map(p -> p.line() + " " + p.kind()).toList();
        return new Read(events, problems);
    }

    private static LogReader reader(FieldTable table, int maxEventBytes, DetectStats stats) {
        return new LogReader(new SlotReader(table), new EventRecord(table.size()), maxEventBytes, stats);
    }

    private static FieldTable table(boolean keywordSearch) {
        FieldTable table = new FieldTable();
        PATHS.forEach(table::slot);
        if (keywordSearch) {
            table.requireKeywordSearch();
        }
        return table;
    }

    private static String describe(EventRecord event, FieldTable table, long lineShift, byte[] bytes, int offset,
                                   int length) {
        StringBuilder out = new StringBuilder().append(event.line() + lineShift).append(' ')
                .append(new String(bytes, offset, length, StandardCharsets.UTF_8));
        for (int slot = 0; slot < table.size(); slot++) {
            if (event.present(slot)) {
                out.append(" | ").append(table.path(slot)).append('=').append(value(event.raw(slot)))
                        .append(" lower=").append(event.lower(slot)).append(" texts=").append(event.texts(slot));
            }
        }
        return out.toString();
    }

    private static String value(Object raw) {
        if (raw instanceof String s) {
            return '"' + s + '"';
        }
        if (raw instanceof EventRecord.Multi multi) {
            return multi.stream().map(LogReadOutcome::value).toList().toString();
        }
        return String.valueOf(raw);
    }

    private static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
