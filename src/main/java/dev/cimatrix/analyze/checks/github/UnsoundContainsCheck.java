package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.expr.IfAnalysis.UnsoundContains;
import dev.cimatrix.catalog.Severity;

import java.util.List;

/**
 * {@code contains('refs/heads/main refs/heads/release', github.ref)}: with a string as the haystack,
 * {@code contains} tests for a substring, so any ref that is part of the literal passes, such as a branch
 * named {@code ma} or {@code main refs/heads/release}. Branch names, actors and inputs are chosen by whoever
 * starts the run; runner names and similar values are not, and are reported with a low severity.
 */
public final class UnsoundContainsCheck extends ConditionCheck {
    public static final String ID = "gha-unsound-contains";

    /** Contexts whose values the person starting a run does not choose. */
    private static final List<String> FIXED_CONTEXT_PREFIXES = List.of("runner.", "job.", "strategy.", "vars.",
            "secrets.", "github.repository", "github.workflow", "github.event_name", "github.run_", "github.job");

    @Override
    public String id() {
        return ID;
    }

    @Override
    void report(Conditions.Analysed condition, FindingSink findings) {
        for (UnsoundContains use : condition.analysis().unsoundContains()) {
            String needle = use.needlePath() == null ? "a computed value" : use.needlePath();
            var finding = findings.at(condition.written().text().location())
                    .subject(condition.owner() + " " + needle + " in '" + use.haystack() + "'")
                    .message("the condition of " + condition.owner() + " tests " + needle + " with contains() on the "
                            + "string '" + use.haystack() + "': any substring of it passes, not only the whole "
                            + "names; use contains(fromJSON('[...]'), " + needle + ") or == comparisons");
            if (use.needlePath() != null && FIXED_CONTEXT_PREFIXES.stream().anyMatch(use.needlePath()::startsWith)) {
                finding.severity(Severity.LOW);
            }
            finding.property("haystack", use.haystack()).report();
        }
    }
}
