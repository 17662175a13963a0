package dev.cimatrix.cli;

import dev.cimatrix.report.Printable;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error for messages: file names, parse errors and log values in them are attacker-controlled, so every
 * control character but line breaks and tabs is written as '?' ({@link Printable}). The progress line, which
 * moves the cursor itself, writes through {@link #raw()}.
 */
final class PrintableErr extends PrintWriter {
    private final PrintWriter raw;

    private PrintableErr(PrintWriter raw) {
        super(new Filter(raw), true);
        this.raw = raw;
    }

    static PrintableErr of(PrintWriter err) {
        return err instanceof PrintableErr printable ? printable : new PrintableErr(err);
    }

    /** The stream underneath, for output that is not text from the inputs. */
    PrintWriter raw() {
        return raw;
    }

    private static final class Filter extends FilterWriter {
        Filter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c == '\n' || Printable.shown((char) c) ? c : '?');
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            out.write(Printable.lines(text.substring(offset, offset + length)));
        }
    }
}
