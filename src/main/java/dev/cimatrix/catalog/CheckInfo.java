package dev.cimatrix.catalog;

import java.util.List;

/**
 * The catalog entry of a check: what it finds, how bad and how sure, which matrix cells it enables, which
 * preventive controls its passing verifies, and how to fix what it finds.
 *
 * @param cells     matrix cells the weakness enables, such as {@code EXEC/CICD-T016}
 * @param controls  preventive control ids a clean result is evidence for
 * @param classes   ids of the weakness classes in the research taxonomy (A01, B02, …)
 * @param profile   the least profile that shows it: regular, pedantic or auditor
 * @param options   the names of the options it takes in {@code .cimatrix.yml}; any other is refused there
 * @param fix       what {@code cimatrix scan --fix} changes to fix a finding, in a sentence without its subject
 *                  ("adds …"); empty when there is no automatic fix
 */
public record CheckInfo(String id, String platform, String title, String description, Severity severity,
                        Confidence confidence, List<String> cells, List<String> controls, List<String> classes,
                        String profile, String remediation, List<Reference> references, List<String> options,
                        String fix) {
    public CheckInfo {
        cells = List.copyOf(cells);
        controls = List.copyOf(controls);
        classes = List.copyOf(classes);
        references = List.copyOf(references);
        options = List.copyOf(options);
        fix = fix == null ? "" : fix;
    }

    /** An entry without an automatic fix. */
    public CheckInfo(String id, String platform, String title, String description, Severity severity,
                     Confidence confidence, List<String> cells, List<String> controls, List<String> classes,
                     String profile, String remediation, List<Reference> references, List<String> options) {
        this(id, platform, title, description, severity, confidence, cells, controls, classes, profile, remediation,
                references, options, "");
    }

    /** Whether {@code cimatrix scan --fix} can fix the check's findings ({@link #fix()} says how). */
    public boolean fixable() {
        return !fix.isEmpty();
    }

    /** An entry that takes no options. */
    public CheckInfo(String id, String platform, String title, String description, Severity severity,
                     Confidence confidence, List<String> cells, List<String> controls, List<String> classes,
                     String profile, String remediation, List<Reference> references) {
        this(id, platform, title, description, severity, confidence, cells, controls, classes, profile, remediation,
                references, List.of());
    }

    /** The technique ids of the cells, without duplicates, in order. */
    public List<String> techniques() {
        return cells.stream().map(c -> c.substring(c.indexOf('/') + 1)).distinct().toList();
    }

    /** The tactic ids of the cells, without duplicates, in order. */
    public List<String> tactics() {
        return cells.stream().map(c -> c.substring(0, c.indexOf('/'))).distinct().toList();
    }
}
