package dev.cimatrix.report.alerts;

import dev.cimatrix.detect.Alert;
import dev.cimatrix.detect.AlertEvent;
import dev.cimatrix.detect.DetectStats;
import dev.cimatrix.detect.EventSource;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.Severity;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Printable;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Alerts for a terminal: one block per alert, then a summary line; secrets are masked, control characters shown as '?'. */
public final class AlertText {
    /** Events listed per alert; the rest are counted. */
    private static final int EVENTS_SHOWN = 5;

    private final RuleCells cells;

    public AlertText(RuleCells cells) {
        this.cells = cells;
    }

    public String render(DetectionResult result) {
        StringWriter out = new StringWriter();
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** As {@link #render}, an alert at a time: a run of a million alerts never holds its whole text at once. */
    public void write(DetectionResult result, Writer out) throws IOException {
        for (Alert a : result.alerts()) {
            out.write(alert(a));
            out.write('\n');
        }
        out.write(Printable.lines(summary(result)));
    }

    /** One alert, as {@code --follow} prints it when it fires. */
    public String alert(Alert alert) {
        Rule rule = alert.rule();
        StringBuilder out = new StringBuilder();
        out.append(rule.severity().label().toUpperCase(Locale.ROOT)).append("  ").append(rule.title())
                .append("  [").append(rule.key()).append("]\n");
        List<String> ruleCells = cells.of(rule);
        if (!ruleCells.isEmpty() || rule.control() != null) {
            out.append("  cells: ").append(ruleCells.isEmpty() ? "-" : String.join(", ", ruleCells));
            if (rule.control() != null) {
                out.append("   control: ").append(rule.control());
            }
            out.append('\n');
        }
        if (!alert.group().isEmpty()) {
            out.append("  group: ").append(SecretMask.text(alert.groupKey())).append('\n');
        }
        out.append("  ").append(alert.summary() != null ? alert.summary() : Counts.of(alert.eventCount(), "event"));
        String first = DetectionResult.time(alert.firstTime());
        if (first != null) {
            out.append(", from ").append(first);
            if (alert.lastTime() != alert.firstTime()) {
                out.append(" to ").append(DetectionResult.time(alert.lastTime()));
            }
        }
        out.append('\n');
        alert.matched().forEach((field, values) -> out.append("  matched ").append(field).append(" = ")
                .append(SecretMask.text(String.join(", ", values))).append('\n'));
        List<AlertEvent> events = alert.events();
        for (int i = 0; i < Math.min(EVENTS_SHOWN, events.size()); i++) {
            out.append("  at ").append(events.get(i).file()).append(':').append(events.get(i).line()).append('\n');
        }
        if (alert.eventCount() > EVENTS_SHOWN) {
            out.append("  and ").append(alert.eventCount() - EVENTS_SHOWN).append(" more events\n");
        }
        return Printable.lines(out.toString());
    }

    private static String summary(DetectionResult result) {
        DetectStats stats = result.stats();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        result.alerts().forEach(a -> bySeverity.merge(a.rule().severity(), 1L, Long::sum));
        StringBuilder out = new StringBuilder();
        out.append(Counts.of(result.alerts().size(), "alert"));
        if (!bySeverity.isEmpty()) {
            out.append(" (").append(bySeverity.entrySet().stream()
                    .sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                    .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")))
                    .append(')');
        }
        out.append("; ").append(Counts.of(stats.events(), "event")).append(" from ")
                .append(Counts.of(stats.files(), "file"));
        Map<EventSource, Long> bySource = stats.eventsBySource();
        if (!bySource.isEmpty()) {
            out.append(" (").append(bySource.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id())
                    .collect(Collectors.joining(", "))).append(')');
        }
        long notListed = stats.alertsNotListed().values().stream().mapToLong(Long::longValue).sum();
        if (notListed > 0) {
            out.append("; ").append(Counts.of(notListed, "more alert")).append(" counted, not listed (--alert-limit)");
        }
        if (stats.problemCount() > 0) {
            out.append("; ").append(Counts.of(stats.problemCount(), "input problem"));
        }
        if (!result.refused().isEmpty()) {
            out.append("; ").append(Counts.of(result.refused().size(), "rule")).append(" refused");
        }
        return out.append('\n').toString();
    }
}
