package dev.cimatrix.detect;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * The one JSON parser factory for event text, whether read from a log or copied into an alert report. Sharing it
 * matters for speed: its symbol table already holds the events' field names when the alerts are written, so
 * writing them neither refills a table nor sends the compiled parser code down paths it has not seen, which
 * made the JVM throw that code away and compile it again at the end of every large run.
 */
public final class EventParsers {
    /** Levels of nesting a log may have: a parser keeps a few dozen bytes for each open one. */
    static final int MAX_NESTING = 1_000_000;
    /** Characters of one number or field name; longer makes an event far over any sensible size limit. */
    static final int MAX_TOKEN_CHARS = 16 * 1024 * 1024;

    /**
     * A parser is made per line; the thread-local buffer pool makes that cheap on the single reading thread. Names
     * are interned (once, when the symbol table first meets them) so that the slot reader's lookups of the field
     * table's interned keys succeed on identity rather than comparing the characters. Logs are UTF-8: a parser
     * starts at any line of a log, and one left to guess the encoding from a line's first bytes would take a line
     * of zero bytes (a file padded after a crash) for UTF-32 and pass over it and the lines after it as blanks.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // Valid JSON is an event however deep it nests or however long its numbers and names are: the
                    // reading never recurses and never converts a number, and the event size limit bounds the rest.
                    // Jackson's defaults (500 levels, 1,000 digits, 50,000-character names) ended a JSON array log
                    // at the first such event, losing every event after it.
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_TOKEN_CHARS)
                    .maxNameLength(MAX_TOKEN_CHARS)
                    .build())
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
            .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
            .build();

    private EventParsers() {
    }

    /** A parser over a stream of bytes. */
    public static JsonParser open(java.io.InputStream in) {
        return JSON.createParser(ObjectReadContext.empty(), in);
    }

    /** A parser over the bytes in the range. */
    public static JsonParser open(byte[] bytes, int offset, int length) {
        return JSON.createParser(ObjectReadContext.empty(), bytes, offset, length);
    }
}
