package dev.cimatrix.discover.yaml;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Passes the engine's events through, turning its own failures (exceptions other than its YAML errors, such
 * as a {@code NumberFormatException} on a truncated {@code \U} escape) into an {@link EngineFailure} at the
 * reader's position, so that a parser bug costs one file a clear error instead of the scan.
 */
final class GuardedParser implements Parser {
    private final Parser parser;
    private final StreamReader reader;

    GuardedParser(Parser parser, StreamReader reader) {
        this.parser = parser;
        this.reader = reader;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        try {
            return parser.checkEvent(choice);
        } catch (YamlEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public Event peekEvent() {
        try {
            return parser.peekEvent();
        } catch (YamlEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public Event next() {
        try {
            return parser.next();
        } catch (YamlEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return parser.hasNext();
        } catch (YamlEngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private EngineFailure failure(RuntimeException cause) {
        return new EngineFailure(reader.getLine() + 1, reader.getColumn() + 1, cause);
    }

    /** An unexpected exception from inside the engine, with the 1-based position it was reading. */
    static final class EngineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        EngineFailure(int line, int column, RuntimeException cause) {
            super(cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : ""), cause);
            this.line = line;
            this.column = column;
        }
    }
}
