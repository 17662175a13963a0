package dev.cimatrix.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event as the rules see it: the values of the slots of a {@link FieldTable}, reused from event to event so
 * reading allocates nothing per field the rules do not read. A slot holds nothing (absent), a string (every JSON
 * scalar in its text form), {@link #JSON_NULL}, {@link #CONTAINER} (an object or array with no slot below it), or a
 * {@link Multi} when the path crosses an array and several values were found. A plain ASCII string stays in the
 * input until it is first read: the accessors make it.
 */
public final class EventRecord {
    /** The JSON value {@code null}: present, but no value. */
    static final Object JSON_NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    /** An object or array at a referenced path: present, but not a scalar. */
    static final Object CONTAINER = new Object() {
        @Override
        public String toString() {
            return "{...}";
        }
    };

    /**
     * A string not made yet, plain ASCII from {@code starts[slot]} of the input for {@code lengths[slot]} bytes: an
     * event has a few times more values at the rules' paths than the rules that fit it read, so each is made when
     * first read, while the input is still there.
     */
    private static final Object UNREAD = new Object();

    /** Several values found under one path (the path crossed an array). */
    static final class Multi extends ArrayList<Object> {
    }

    private final Object[] values;
    private final int[] starts;
    private final int[] lengths;
    /** Whether an unread string has no capital letter, so that it is its own lower case. */
    private final boolean[] lowerCase;
    /** The bytes the event is read from, valid while the event is handled. */
    private byte[] input;
    /** A regular expression that gave up on a value of this event, if any (see {@link ValueMatcher.BudgetedText}). */
    private String gaveUp;
    private final String[] lowered;
    /** The slots set since the last clear, so clearing costs what the event used, not the table size. */
    private final int[] touched;
    private int touchedCount;
    private final List<String> allStrings = new ArrayList<>();
    private EventSource source;
    private long time;
    private String file;
    private long line;

    public EventRecord(int slots) {
        values = new Object[slots];
        starts = new int[slots];
        lengths = new int[slots];
        lowerCase = new boolean[slots];
        lowered = new String[slots];
        touched = new int[slots];
    }

    void clear() {
        gaveUp = null;
        for (int i = 0; i < touchedCount; i++) {
            values[touched[i]] = null;
            lowered[touched[i]] = null;
        }
        touchedCount = 0;
        allStrings.clear();
    }

    void add(int slot, Object value) {
        Object current = values[slot];
        if (current == null) {
            values[slot] = value;
            touched[touchedCount++] = slot;
        } else if (current instanceof Multi multi) {
            multi.add(value);
        } else {
            Multi multi = new Multi();
            multi.add(value(slot));
            multi.add(value);
            values[slot] = multi;
            lowered[slot] = null;
        }
    }

    /** Notes a regular expression that gave up on a value of this event (the first, when several do). */
    void gaveUp(String pattern) {
        if (gaveUp == null) {
            gaveUp = pattern;
        }
    }

    /** The regular expression that gave up on a value of this event, or null. */
    String gaveUp() {
        return gaveUp;
    }

    /** The bytes the next values are read from; see {@link #addUnread}. */
    void input(byte[] bytes) {
        input = bytes;
    }

    /**
     * Takes the JSON string whose opening quote is at {@code quote} of the input, which holds what the parser has
     * read up to {@code limit} (the string may end beyond it, not read yet), to be made only if a rule reads it,
     * when it is plain printable ASCII without escapes, as nearly all values in audit logs are: its text is then its
     * bytes. Returns false for any other string, which the caller
     * decodes now, so that the parser checks it as it always has.
     */
    boolean addUnread(int slot, int quote, int limit) {
        byte[] bytes = input;
        if (quote < 0) {
            // Only in an event that outgrew the window it was read through, which is then skipped whole.
            return false;
        }
        boolean capitals = false;
        for (int i = quote + 1; i < limit; i++) {
            byte b = bytes[i];
            if (b == '"') {
                if (values[slot] != null) {
                    add(slot, new String(bytes, quote + 1, i - quote - 1, StandardCharsets.ISO_8859_1));
                    return true;
                }
                values[slot] = UNREAD;
                starts[slot] = quote + 1;
                lengths[slot] = i - quote - 1;
                lowerCase[slot] = !capitals;
                touched[touchedCount++] = slot;
                return true;
            }
            if (b == '\\' || b < 0x20) {
                // An escape, a byte above ASCII (negative) or a control character.
                return false;
            }
            capitals |= b >= 'A' && b <= 'Z';
        }
        return false;
    }

    /** The slot's content, its string made from the input if it was left unread. */
    private Object value(int slot) {
        Object value = values[slot];
        if (value != UNREAD) {
            return value;
        }
        String text = new String(input, starts[slot], lengths[slot], StandardCharsets.ISO_8859_1);
        values[slot] = text;
        if (lowerCase[slot]) {
            lowered[slot] = text;
        }
        return text;
    }

    void addKeywordValue(String value) {
        allStrings.add(value);
    }

    /** The raw slot content; see the class comment for what it can be. */
    Object raw(int slot) {
        return value(slot);
    }

    public boolean present(int slot) {
        return values[slot] != null;
    }

    /** The value of a slot as text when it holds exactly one scalar, else null. */
    public String text(int slot) {
        return value(slot) instanceof String s ? s : null;
    }

    /** Lower-cased single value, computed once per event however many rules compare it. */
    String lower(int slot) {
        String cached = lowered[slot];
        if (cached == null && value(slot) instanceof String s) {
            cached = s.toLowerCase(Locale.ROOT);
            lowered[slot] = cached;
        }
        return cached;
    }

    /** Every scalar value as text (arrays expanded); for group keys and matched-field reports. */
    public List<String> texts(int slot) {
        Object v = value(slot);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Multi multi) {
            List<String> out = new ArrayList<>();
            for (Object o : multi) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
            return out;
        }
        return v instanceof String s ? List.of(s) : List.of();
    }

    List<String> allStrings() {
        return allStrings;
    }

    public EventSource source() {
        return source;
    }

    void source(EventSource source) {
        this.source = source;
    }

    /** Event time in epoch milliseconds, or {@link Long#MIN_VALUE} when the event carries none. */
    public long time() {
        return time;
    }

    void time(long time) {
        this.time = time;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    void origin(String file, long line) {
        this.file = file;
        this.line = line;
    }
}
