package dev.cimatrix.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** Wall time of the stages of a command, for {@code --timings}. */
final class Stopwatch {
    private final StringBuilder report = new StringBuilder();
    private final long created = System.nanoTime();
    private long last = created;

    void lap(String stage) {
        long now = System.nanoTime();
        report.append(String.format("%8.0f ms  %s%n", (now - last) / 1e6, stage));
        last = now;
    }

    /** A part of the last stage, such as one check's time summed over threads, indented under it. */
    void detail(Duration took, String what) {
        report.append(String.format("%10.0f ms  %s%n", took.toNanos() / 1e6, what));
    }

    /** The time before the first stage (JVM start, catalog, options), then the laps and the time since the JVM started. */
    String report() {
        // The JVM's uptime is read once, at the end: the management classes are not loaded while the stages run.
        long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
        double beforeFirst = sinceStart - (System.nanoTime() - created) / 1e6;
        return String.format("%8.0f ms  started (JVM, catalog, options)%n", beforeFirst) + report
                + String.format("%8d ms  in all, since the JVM started%n", sinceStart);
    }
}
