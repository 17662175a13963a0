package dev.cimatrix.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** Wall time of the stages of a command, for {@code --timings}. */
final class Stopwatch {
    private final StringBuilder report = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String stage) {
        long now = System.nanoTime();
        report.append(String.format("%8.0f ms  %s%n", (now - last) / 1e6, stage));
        last = now;
    }

    /** A part of the last stage, such as one check's time summed over threads, indented under it. */
    void detail(Duration took, String what) {
        report.append(String.format("%10.0f ms  %s%n", took.toNanos() / 1e6, what));
    }

    /** The laps, and the time since the JVM started (start-up included). */
    String report() {
        long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
        return report + String.format("%8d ms  in all, since the JVM started%n", sinceStart);
    }
}
