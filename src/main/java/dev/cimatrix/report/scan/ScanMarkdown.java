package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Markdown;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Markdown report for pull request comments and job summaries: the counts by severity and tactic, the
 * findings from most to least severe, by check with how to fix it, each with links to its lines, then the
 * problems.
 * Links are relative to the scanned root.
 */
final class ScanMarkdown {
    private ScanMarkdown() {
    }

    static String render(ScanReport report) {
        StringBuilder md = new StringBuilder("## cimatrix scan\n\n");
        Summary summary = report.summary();
        md.append(summary.sentence()).append(".\n\n");
        if (summary.findings() > 0) {
            md.append("| Severity | Findings |\n| --- | ---: |\n");
            summary.bySeverity().forEach((severity, n) -> md.append("| ").append(title(severity)).append(" | ")
                    .append(n).append(" |\n"));
            md.append("\n| Tactic | Findings |\n| --- | ---: |\n");
            summary.byTactic().forEach((id, n) -> {
                if (n > 0) {
                    md.append("| ").append(Markdown.escape(report.tacticLabel(id))).append(" | ").append(n).append(" |\n");
                }
            });
            md.append('\n');
        }
        Map<Severity, List<Finding>> bySeverity = report.findings().stream()
                .collect(Collectors.groupingBy(Finding::severity));
        for (Severity severity : Summary.mostSevereFirst()) {
            List<Finding> findings = bySeverity.getOrDefault(severity, List.of());
            if (findings.isEmpty()) {
                continue;
            }
            md.append("### ").append(title(severity)).append(" (").append(findings.size()).append(")\n\n");
            Map<String, List<Finding>> byCheck = findings.stream()
                    .collect(Collectors.groupingBy(Finding::checkId, TreeMap::new, Collectors.toList()));
            byCheck.forEach((checkId, ofCheck) -> check(md, report.check(checkId), ofCheck));
        }
        problems(md, report.problems());
        return md.toString().stripTrailing() + "\n";
    }

    /** A check's findings under its title, with the remediation once: a long report stays readable. */
    private static void check(StringBuilder md, CheckInfo check, List<Finding> findings) {
        md.append("#### `").append(check.id()).append("` ").append(Markdown.escape(check.title())).append("\n\n");
        // Catalog text is written in Markdown, so it goes in as it is; finding text may quote scanned files.
        md.append("**Remediation:** ").append(check.remediation().strip()).append("\n\n");
        if (check.fixable()) {
            md.append("**Automatic fix:** `cimatrix scan --fix` ").append(check.fix().strip())
                    .append("; `--fix-diff` shows the change first.\n\n");
        }
        for (Finding finding : findings) {
            md.append("- ").append(link(finding.location())).append(": ").append(Markdown.escape(finding.message()))
                    .append(" · confidence ").append(finding.confidence().label()).append(" · ")
                    .append(finding.cells().stream().map(c -> "`" + c + "`").collect(Collectors.joining(" ")))
                    .append('\n');
            for (RelatedLocation related : finding.related()) {
                md.append("  - ").append(link(related.location())).append(": ").append(Markdown.escape(related.message()))
                        .append('\n');
            }
        }
        md.append('\n');
    }

    private static void problems(StringBuilder md, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        md.append("### Problems (").append(problems.size()).append(")\n\n");
        md.append("| File | Kind | Reason |\n| --- | --- | --- |\n");
        for (Problem problem : problems) {
            md.append("| ").append(link(problem.location())).append(" | ").append(problem.kind().id())
                    .append(problem.isError() ? "" : " (warning)").append(" | ").append(Markdown.escape(problem.message()))
                    .append(" |\n");
        }
    }

    /** {@code [`path#L3`](path#L3)}, or {@code #L3-L5} for a span over several lines, as GitHub links them. */
    private static String link(Location at) {
        String lines = "#L" + at.startLine() + (at.endLine() > at.startLine() ? "-L" + at.endLine() : "");
        return "[" + Markdown.code(at.path() + lines) + "](" + ScanReport.relativeUri(at.path()) + lines + ")";
    }

    private static String title(Severity severity) {
        String label = severity.label();
        return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }
}
