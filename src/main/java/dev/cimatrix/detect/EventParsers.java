package dev.cimatrix.detect;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
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
    /**
     * A parser is made per line; the thread-local buffer pool makes that cheap on the single reading thread. Names
     * are interned (once, when the symbol table first meets them) so that the slot reader's lookups of the field
     * table's interned keys succeed on identity rather than comparing the characters. Logs are UTF-8: a parser
     * starts at any line of a log, and one left to guess the encoding from a line's first bytes would take a line
     * of zero bytes (a file padded after a crash) for UTF-32 and pass over it and the lines after it as blanks.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
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
