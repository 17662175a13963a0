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

    /** An event time as ISO-8601 UTC, or null when the events had none. */
    static String time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
