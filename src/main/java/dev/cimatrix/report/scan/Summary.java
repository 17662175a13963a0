package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.report.Counts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts every format closes or opens with.
 *
 * @param bySeverity findings per severity, every severity from critical down to info
 * @param byTactic   findings per tactic id, every tactic of the catalog in column order; a finding counts once
 *                   under each tactic its cells name
 * @param problems   files or parts of files not read, and checks that failed
 * @param gitlab     GitLab CI configurations read
 * @param azure      Azure Pipelines files read, pipelines and templates
 * @param circleci   CircleCI configurations read
 * @param bitbucket  Bitbucket Pipelines configurations read
 * @param jenkins    Jenkins pipeline scripts read
 */
public record Summary(int files, int workflows, int actions, int gitlab, int azure, int circleci, int bitbucket,
                      int jenkins,
                      int findings, Map<Severity, Integer> bySeverity,
                      Map<String, Integer> byTactic, int suppressed, int baselined, int problems) {
    public Summary {
        bySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(bySeverity));
        byTactic = Collections.unmodifiableMap(new LinkedHashMap<>(byTactic));
    }

    static Summary of(ScanReport report) {
        List<Finding> findings = report.findings();
        Map<Severity, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity severity : mostSevereFirst()) {
            bySeverity.put(severity, (int) findings.stream().filter(f -> f.severity() == severity).count());
        }
        Map<String, Integer> byTactic = new LinkedHashMap<>();
        report.catalog().tactics().stream().map(Tactic::id).forEach(id -> byTactic.put(id, 0));
        for (Finding finding : findings) {
            finding.tactics().forEach(id -> byTactic.merge(id, 1, Integer::sum));
        }
        var inventory = report.inventory();
        var result = report.result();
        return new Summary(inventory.files().size(), inventory.workflows().size(), inventory.actions().size(),
                inventory.gitlab().size(), inventory.azure().size(), inventory.circleci().size(),
                inventory.bitbucket().size(), inventory.jenkins().size(), findings.size(), bySeverity, byTactic, result.suppressed(), result.baselined(),
                report.problems().size());
    }

    /** Severities in the order reports list them. */
    public static List<Severity> mostSevereFirst() {
        return List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
    }

    /**
     * The closing line of the text and Markdown reports: "4 files scanned, 3 findings (1 suppressed, 0 in
     * baseline), 1 problem".
     */
    public String sentence() {
        return Counts.of(files, "file") + " scanned, " + Counts.of(findings, "finding") + " (" + suppressed
                + " suppressed, " + baselined + " in baseline)"
                + (problems == 0 ? "" : ", " + Counts.of(problems, "problem"));
    }
}
