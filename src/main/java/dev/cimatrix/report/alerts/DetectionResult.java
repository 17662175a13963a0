package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.Alert;
import dev.cimatrix.detect.DetectStats;
import dev.cimatrix.detect.RuleException;

import java.time.Instant;
import java.util.List;

/**
 * What a detection run produced, as the alert writers need it.
 *
 * @param refused rules that were not loaded, with file, line and why
 */
public record DetectionResult(List<Alert> alerts, DetectStats stats, List<RuleException> refused) {
    public DetectionResult {
        alerts = List.copyOf(alerts);
        refused = List.copyOf(refused);
    }

    /**
     * An event time as ISO-8601 UTC, or null when the events had none. An event without a time takes the time of the
     * event before it, and the epoch itself when no event before it had one: no audit event is from that instant,
     * so it is shown as no time rather than as 1970.
     */
    static String time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE || epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
