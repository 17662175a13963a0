package dev.cimatrix.cli;

import dev.cimatrix.detect.ReadProgress;

import java.util.Locale;

/**
 * Shows how far {@code detect} has read its logs, on a line of its own rewritten four times a second, from a thread
 * of its own so that reading never stops to print. Closing it ends the thread and clears the line.
 */
final class DetectProgress implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 250;

    private final ReadProgress progress;
    private final int files;
    private final ProgressLine line;
    private final Thread thread;
    private volatile boolean done;

    DetectProgress(ReadProgress progress, int files, ProgressLine line) {
        this.progress = progress;
        this.files = files;
        this.line = line;
        this.thread = new Thread(this::run, "cimatrix-progress");
        thread.setDaemon(true);
    }

    DetectProgress start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            Thread.sleep(ProgressLine.DELAY_NANOS / 1_000_000);
            while (!done) {
                long reorderTotal = progress.reorderTotal();
                String text = reorderTotal >= 0
                        ? describeReordering(progress.file(), progress.filesStarted(), files, progress.reordered(),
                                reorderTotal)
                        : describe(progress.file(), progress.filesStarted(), files, progress.read(), progress.size());
                if (text != null) {
                    line.show(text);
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The progress line, or null before the first file is opened. */
    static String describe(String file, int fileNumber, int files, long read, long size) {
        if (file == null) {
            return null;
        }
        StringBuilder text = reading(file, fileNumber, files).append(": ").append(bytes(read));
        if (size > 0) {
            text.append(" of ").append(bytes(size))
                    .append(String.format(Locale.ROOT, ", %d%%", Math.min(100, read * 100 / size)));
        }
        return text.toString();
    }

    /** The progress line while a file whose events run newest first is evaluated from its last event. */
    static String describeReordering(String file, int fileNumber, int files, long done, long total) {
        return reading(file, fileNumber, files).append(" oldest first: ").append(done).append(" of ").append(total).append(" events")
                .append(String.format(Locale.ROOT, ", %d%%", total == 0 ? 100 : Math.min(100, done * 100 / total)))
                .toString();
    }

    private static StringBuilder reading(String file, int fileNumber, int files) {
        StringBuilder text = new StringBuilder("reading ").append(file);
        if (files > 1) {
            text.append(" (file ").append(fileNumber).append(" of ").append(files).append(')');
        }
        return text;
    }

    /** A byte count in the binary units file listings use. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.clear();
    }
}
