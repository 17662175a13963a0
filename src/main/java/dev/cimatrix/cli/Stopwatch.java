package dev.cimatrix.cli;

import java.lang.management.ManagementFactory;

/** Wall time of the stages of a command, for {@code --timings}. */
final class Stopwatch {
    private final StringBuilder report = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String stage) {
        long now = System.nanoTime();
        report.append(String.format("%8.0f ms  %s%n", (now - last) / 1e6, stage));
        last = now;
    }

    /** The laps, and the time since the JVM started (start-up included). */
    String report() {
        long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
        return report + String.format("%8d ms  in all, since the JVM started%n", sinceStart);
    }
}
