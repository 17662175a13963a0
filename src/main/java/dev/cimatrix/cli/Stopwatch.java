package dev.cimatrix.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Wall time of the stages of a command, for {@code --timings}, with the processor time of the whole process in
 * each stage (every thread, the JIT compiler and the garbage collector included) where the JVM can tell it: the
 * ratio of the two shows how well a stage keeps the cores busy.
 */
final class Stopwatch {
    private final StringBuilder report = new StringBuilder();
    private final long created = System.nanoTime();
    private final com.sun.management.OperatingSystemMXBean os;
    private long last = created;
    private long lastCpu;

    /** With {@code processorTime}, the management classes are loaded now, before the first stage is timed. */
    Stopwatch(boolean processorTime) {
        os = processorTime && ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean bean && bean.getProcessCpuTime() >= 0 ? bean : null;
        lastCpu = cpu();
    }

    void lap(String stage) {
        long now = System.nanoTime();
        long cpu = cpu();
        String processor = os == null ? "" : String.format("  (%.0f ms processor)", (cpu - lastCpu) / 1e6);
        report.append(String.format("%8.0f ms  %s%s%n", (now - last) / 1e6, stage, processor));
        last = now;
        lastCpu = cpu;
    }

    private long cpu() {
        return os == null ? 0 : os.getProcessCpuTime();
    }

    /** A part of the last stage, such as one check's time summed over threads, indented under it. */
    void detail(Duration took, String what) {
        report.append(String.format("%10.0f ms  %s%n", took.toNanos() / 1e6, what));
    }

    /** The time before the first stage (JVM start, catalog, options), then the laps and the time since the JVM started. */
    String report() {
        long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime();
        double beforeFirst = sinceStart - (System.nanoTime() - created) / 1e6;
        String processor = os == null ? "" : String.format("  (%.0f ms processor)", cpu() / 1e6);
        return String.format("%8.0f ms  started (JVM, catalog, options)%n", beforeFirst) + report
                + String.format("%8d ms  in all, since the JVM started%s%n", sinceStart, processor);
    }
}
