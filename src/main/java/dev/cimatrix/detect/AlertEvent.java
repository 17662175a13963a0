package dev.cimatrix.detect;

/**
 * An event that contributed to an alert, with where it came from.
 *
 * @param line 1-based line in the file (for whole-document files, the line the event object starts on)
 * @param time event time in epoch milliseconds, or {@link Long#MIN_VALUE} if the event has none
 * @param json the event exactly as it was in the input
 */
public record AlertEvent(String file, long line, long time, String json) {
}
