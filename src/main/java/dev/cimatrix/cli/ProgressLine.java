package dev.cimatrix.cli;

import dev.cimatrix.report.Printable;

import java.io.PrintWriter;

/** One line of progress on standard error, rewritten in place and cleared before anything else is printed. */
final class ProgressLine {
    /** Runs shorter than this show no progress at all, so quick commands never flicker. */
    static final long DELAY_NANOS = 500_000_000L;

    private final PrintWriter err;
    private boolean shown;

    ProgressLine(PrintWriter err) {
        this.err = err instanceof PrintableErr printable ? printable.raw() : err;
    }

    /** Shows the text, with any control characters in it (a file name's, say) as '?'. */
    void show(String text) {
        synchronized (err) {
            err.print("\r" + Printable.line(text) + "\033[K");
            err.flush();
            shown = true;
        }
    }

    void clear() {
        synchronized (err) {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
                shown = false;
            }
        }
    }
}
