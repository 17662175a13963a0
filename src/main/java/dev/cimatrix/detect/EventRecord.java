package dev.cimatrix.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event as the rules see it: the values of the slots of a {@link FieldTable}, reused from event to event so
 * reading allocates nothing per field the rules do not read. A slot holds nothing (absent), a string (every JSON
 * scalar in its text form), {@link #JSON_NULL}, {@link #CONTAINER} (an object or array with no slot below it), or a
 * {@link Multi} when the path crosses an array and several values were found. A string stays undecoded in the
 * input until it is first read: the accessors decode it.
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
     * A JSON string not decoded yet, whose opening quote is at {@code quotes[slot]} in the input: an event has
     * a few times more values at the rules' paths than the rules that fit it read, so each is decoded when first
     * read, while the input is still there.
     */
    private static final Object UNREAD = new Object();

    /** Several values found under one path (the path crossed an array). */
    static final class Multi extends ArrayList<Object> {
    }

    private final Object[] values;
    private final int[] quotes;
    /** The bytes the event is read from, valid while the event is handled. */
    private byte[] input;
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
        quotes = new int[slots];
        lowered = new String[slots];
        touched = new int[slots];
    }

    void clear() {
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

    /** The bytes the next values are read from; see {@link #addUnread}. */
    void input(byte[] bytes) {
        input = bytes;
    }

    /** A JSON string whose opening quote is at {@code quote} of the input, decoded only if a rule reads it. */
    void addUnread(int slot, int quote) {
        if (values[slot] == null) {
            values[slot] = UNREAD;
            quotes[slot] = quote;
            touched[touchedCount++] = slot;
        } else {
            add(slot, decodeAt(quote));
        }
    }

    /** The slot's content, a string read from the input if it is still undecoded. */
    private Object value(int slot) {
        Object value = values[slot];
        return value == UNREAD ? decode(slot) : value;
    }

    /** Decodes the string of a slot; see {@link #decodeAt}. */
    private String decode(int slot) {
        String text = decodeAt(quotes[slot]);
        values[slot] = text;
        if (lowerCase) {
            lowered[slot] = text;
        }
        return text;
    }

    /** Whether the string last decoded is plain ASCII without a capital letter, so its own lower case. */
    private boolean lowerCase;

    /**
     * The string whose opening quote is at {@code quote} of the input, which the parser has read through (so it
     * is well formed). Plain ASCII without escapes, as nearly all values in audit logs are, is its own bytes, and
     * without a capital letter its own lower case, which most rules compare: that is noted rather than searched
     * for again. Anything else is decoded by the parser.
     */
    private String decodeAt(int quote) {
        byte[] bytes = input;
        boolean capitals = false;
        for (int i = quote + 1; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                lowerCase = !capitals;
                return new String(bytes, quote + 1, i - quote - 1, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0) {
                break;
            }
            capitals |= b >= 'A' && b <= 'Z';
        }
        lowerCase = false;
        return LogReader.stringAt(bytes, quote);
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
