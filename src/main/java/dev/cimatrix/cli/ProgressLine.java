package dev.cimatrix.cli;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.report.Printable;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/** One line of progress on standard error, rewritten in place and cleared before anything else is printed. */
final class ProgressLine {
    /** Runs shorter than this show no progress at all, so quick commands never flicker. */
    static final long DELAY_NANOS = 500_000_000L;
    /** The least time between two redraws of a line that counts. */
    static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private boolean shown;

    /**
     * A one-line count of the files a command reads, on standard error, for interactive runs over many files; nothing
     * when standard error goes to a pipe or a CI log, where the line would only be noise.
     */
    static Discovery.Progress filesRead(CommandSpec spec) {
        if (!Terminal.showsProgress()) {
            return Discovery.Progress.NONE;
        }
        ProgressLine line = new ProgressLine(spec.commandLine().getErr());
        long started = System.nanoTime();
        // Files are read on every core: the line is redrawn ten times a second at most, not once a file.
        AtomicLong shown = new AtomicLong(started);
        return (done, total) -> {
            long now = System.nanoTime();
            long last = shown.get();
            if (done == total) {
                // A count from a slower thread never draws the line again once it is cleared.
                shown.set(Long.MAX_VALUE);
                line.clear();
            } else if (total >= 200 && now - started >= DELAY_NANOS && now - last >= REDRAW_NANOS
                    && shown.compareAndSet(last, now)) {
                line.show("reading " + done + "/" + total + " files");
            }
        };
    }

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
