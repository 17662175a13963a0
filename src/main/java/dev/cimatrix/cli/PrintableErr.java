package dev.cimatrix.cli;

import dev.cimatrix.report.Printable;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error for messages: file names, parse errors and log values in them are attacker-controlled, so every
 * control character but line breaks and tabs is written as '?' ({@link Printable}). A word of over
 * {@value #LONGEST_WORD} characters (an argument pasted by mistake, a value from a log) is shown by its start and
 * end, so that one message stays readable. The progress line, which moves the cursor itself, writes through
 * {@link #raw()}.
 */
final class PrintableErr extends PrintWriter {
    static final int LONGEST_WORD = 512;
    private static final int KEPT_START = 200;
    private static final int KEPT_END = 100;
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
            out.write(Printable.lines(clipWords(text.substring(offset, offset + length))));
        }
    }

    /** The text with each word (a run of characters other than white space) of over LONGEST_WORD clipped. */
    static String clipWords(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i - start > LONGEST_WORD) {
                if (out == null) {
                    out = new StringBuilder(n > 4 * LONGEST_WORD ? 4 * LONGEST_WORD : n);
                }
                int keptStart = start + KEPT_START;
                int keptEnd = i - KEPT_END;
                // Never half of a surrogate pair.
                keptStart -= Character.isHighSurrogate(text.charAt(keptStart - 1)) ? 1 : 0;
                keptEnd += Character.isLowSurrogate(text.charAt(keptEnd)) ? 1 : 0;
                out.append(text, copied, keptStart).append("…(")
                        .append(String.format("%,d", keptEnd - keptStart)).append(" characters)…")
                        .append(text, keptEnd, i);
                copied = i;
            }
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }
}
