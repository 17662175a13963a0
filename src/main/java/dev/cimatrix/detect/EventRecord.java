package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One event as the rules see it: the values of the slots of a {@link FieldTable}, reused from event to event so
 * reading allocates nothing per field the rules do not read. A slot holds nothing (absent), a string (every JSON
 * scalar in its text form), {@link #JSON_NULL}, {@link #CONTAINER} (an object or array with no slot below it), or a
 * {@link Multi} when the path crosses an array and several values were found.
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

    /** Several values found under one path (the path crossed an array). */
    static final class Multi extends ArrayList<Object> {
    }

    private final Object[] values;
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
            multi.add(current);
            multi.add(value);
            values[slot] = multi;
        }
    }

    void addKeywordValue(String value) {
        allStrings.add(value);
    }

    /** The raw slot content; see the class comment for what it can be. */
    Object raw(int slot) {
        return values[slot];
    }

    public boolean present(int slot) {
        return values[slot] != null;
    }

    /** The value of a slot as text when it holds exactly one scalar, else null. */
    public String text(int slot) {
        return values[slot] instanceof String s ? s : null;
    }

    /** Lower-cased single value, computed once per event however many rules compare it. */
    String lower(int slot) {
        String cached = lowered[slot];
        if (cached == null && values[slot] instanceof String s) {
            cached = s.toLowerCase(Locale.ROOT);
            lowered[slot] = cached;
        }
        return cached;
    }

    /** Every scalar value as text (arrays expanded); for group keys and matched-field reports. */
    public List<String> texts(int slot) {
        Object v = values[slot];
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
