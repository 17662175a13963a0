package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Printable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report for people at a terminal: findings grouped by file, each with the source of its primary span
 * underlined, its related locations and its matrix cells; then the problems; then a closing summary.
 */
final class ScanText {
    /** A longer span shows its first lines and says how many more it has. */
    private static final int MAX_EXCERPT_LINES = 4;
    /** A longer line shows this many characters around the span, with … where it is cut. */
    private static final int MAX_EXCERPT_WIDTH = 160;
    /** How many characters before the span's start a cut line keeps. */
    private static final int EXCERPT_LEAD = 40;
    private static final String RESET = "\u001b[0m";

    private final ScanReport report;
    private final boolean color;
    private final SourceLines sources;
    private final StringBuilder out = new StringBuilder();
    /** Masked lines as code points, by path and line number: many findings may share one long line. */
    private final Map<String, Map<Integer, Optional<int[]>>> masked = new HashMap<>();

    private ScanText(ScanReport report, boolean color) {
        this.report = report;
        this.color = color;
        this.sources = new SourceLines(report.root());
    }

    /**
     * @param color whether to colour severities and underlines: the caller decides, from whether it writes
     *              to a terminal and NO_COLOR is unset
     */
    static String render(ScanReport report, boolean color) {
        return new ScanText(report, color).document();
    }

    private String document() {
        Map<String, List<Finding>> byPath = report.findingsByPath();
        if (byPath.isEmpty()) {
            out.append("No findings.\n\n");
        }
        byPath.forEach((path, findings) -> {
            out.append(Printable.line(path)).append('\n');
            findings.forEach(this::finding);
        });
        problems();
        summary();
        return out.toString();
    }

    private void finding(Finding finding) {
        Location at = finding.location();
        out.append("  ").append(paint(finding.severity(), finding.severity().name())).append(' ')
                .append(finding.checkId()).append("  ").append(Printable.line(finding.message())).append('\n');
        out.append("    at ").append(position(at)).append('\n');
        excerpt(at, finding.severity());
        for (RelatedLocation related : finding.related()) {
            out.append("    related ").append(position(related.location())).append("  ")
                    .append(Printable.line(related.message())).append('\n');
        }
        out.append("    cells   ").append(String.join(", ", finding.cells()))
                .append("  (confidence ").append(finding.confidence().label()).append(")\n\n");
    }

    /**
     * The lines of the span with the span underlined: {@code ^} under its first character, {@code ~} under
     * the rest. Secrets are masked and control characters replaced, both without moving a column; a line
     * longer than {@link #MAX_EXCERPT_WIDTH} shows the part around the span.
     */
    private void excerpt(Location at, Severity severity) {
        boolean shortened = at.endLine() - at.startLine() + 1 > MAX_EXCERPT_LINES;
        int last = shortened ? at.startLine() + MAX_EXCERPT_LINES - 2 : at.endLine();
        List<int[]> lines = new ArrayList<>();
        for (int n = at.startLine(); n <= last; n++) {
            Optional<int[]> line = maskedLine(at.path(), n);
            if (line.isEmpty()) {
                return;
            }
            lines.add(line.get());
        }
        int gutter = String.valueOf(last).length();
        String blankGutter = "    " + " ".repeat(gutter) + " |";
        for (int i = 0; i < lines.size(); i++) {
            int number = at.startLine() + i;
            // Columns count code points, as the model's do.
            int[] points = lines.get(i);
            int from = number == at.startLine() ? at.startColumn() : firstNonBlank(points);
            int to = number == at.endLine() ? at.endColumn() : points.length;
            // A long line shows a window that starts a little before the span; columns move with it.
            int first = 1;
            int end = points.length;
            if (points.length > MAX_EXCERPT_WIDTH) {
                first = Math.max(1, Math.min(from - EXCERPT_LEAD, points.length - MAX_EXCERPT_WIDTH + 1));
                end = first + MAX_EXCERPT_WIDTH - 1;
            }
            String cutBefore = first > 1 ? "…" : "";
            String shown = cutBefore + new String(points, first - 1, end - first + 1) + (end < points.length ? "…" : "");
            out.append("    ").append(pad(number, gutter)).append(" | ").append(shown).append('\n');
            int shift = first - 1 - cutBefore.length();
            int markFrom = Math.max(from, first) - shift;
            int markTo = Math.min(to, end) - shift;
            if (to < from || markTo < markFrom) {
                continue;
            }
            int[] shownPoints = shown.codePoints().toArray();
            StringBuilder mark = new StringBuilder();
            for (int column = 1; column < markFrom; column++) {
                mark.append(column <= shownPoints.length && shownPoints[column - 1] == '\t' ? '\t' : ' ');
            }
            mark.append(number == at.startLine() && from >= first ? '^' : '~').append("~".repeat(markTo - markFrom));
            out.append(blankGutter).append(' ').append(paint(severity, mark.toString())).append('\n');
        }
        if (last < at.endLine()) {
            out.append(blankGutter).append(" … ").append(Counts.of(at.endLine() - last, "more line")).append('\n');
        }
    }

    /** A source line's code points, with secrets masked and control characters replaced, neither moving a column. */
    private Optional<int[]> maskedLine(String path, int number) {
        return masked.computeIfAbsent(path, p -> new HashMap<>()).computeIfAbsent(number,
                n -> sources.line(path, n).map(line -> Printable.line(SecretMask.mask(line)).codePoints().toArray()));
    }

    private static int firstNonBlank(int[] points) {
        for (int i = 0; i < points.length; i++) {
            if (!Character.isWhitespace(points[i])) {
                return i + 1;
            }
        }
        return points.length + 1;
    }

    private static String pad(int number, int width) {
        String text = String.valueOf(number);
        return " ".repeat(width - text.length()) + text;
    }

    private void problems() {
        List<Problem> problems = report.problems();
        if (problems.isEmpty()) {
            return;
        }
        out.append("Problems\n");
        for (Problem problem : problems) {
            Location at = problem.location();
            out.append("  ").append(problem.isError() ? "error  " : "warning").append(' ')
                    .append(Printable.line(at.path())).append(':').append(at.startLine()).append("  ")
                    .append(Printable.line(problem.message())).append('\n');
        }
        out.append('\n');
    }

    private void summary() {
        Summary summary = report.summary();
        List<String> severities = new ArrayList<>();
        summary.bySeverity().forEach((severity, n) -> severities.add(n + " " + severity.label()));
        List<String> tactics = new ArrayList<>();
        summary.byTactic().forEach((id, n) -> {
            if (n > 0) {
                tactics.add(report.tacticLabel(id) + " " + n);
            }
        });
        out.append("Summary\n");
        out.append("  by severity  ").append(String.join(", ", severities)).append('\n');
        out.append("  by tactic    ").append(tactics.isEmpty() ? "none" : String.join(", ", tactics)).append('\n');
        out.append(summary.sentence()).append('\n');
        // Where to go next, named after the gravest finding's check.
        report.findings().stream().max(Comparator.comparing(Finding::severity)).ifPresent(gravest -> out
                .append("Explain a check and its fix with `cimatrix explain ").append(gravest.checkId())
                .append("`; chain the findings into attack paths with `cimatrix paths`\n"));
        Set<String> withFix = report.checks().stream().filter(CheckInfo::fixable).map(CheckInfo::id)
                .collect(Collectors.toSet());
        long fixable = report.findings().stream().filter(f -> withFix.contains(f.checkId())).count();
        if (fixable > 0) {
            out.append(fixable).append(fixable == 1 ? " finding is" : " findings are")
                    .append(" of checks with an automatic fix: `cimatrix scan --fix-diff` shows the changes, "
                            + "`--fix` makes them\n");
        }
    }

    private String position(Location at) {
        return Printable.line(at.path()) + ":" + at.startLine() + ":" + at.startColumn();
    }

    private String paint(Severity severity, String text) {
        if (!color) {
            return text;
        }
        String code = switch (severity) {
            case CRITICAL -> "\u001b[1;35m";
            case HIGH -> "\u001b[1;31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[34m";
            case INFO -> "\u001b[36m";
        };
        return code + text + RESET;
    }
}
