package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.RunnerGroup;
import dev.cimatrix.model.Location;

import java.util.Locale;

/** What the runner group checks say alike: how a group is named, and that a group counted empty is low. */
final class RunnerGroupFindings {
    private RunnerGroupFindings() {
    }

    /** A runner group as a message names it. */
    static String name(RunnerGroup group) {
        return "'" + group.name().value().strip() + "'";
    }

    /** Reports {@code message} (a sentence without its end) about the group, at {@code where}. */
    static void report(FindingSink findings, RunnerGroup group, Location where, String message) {
        var finding = findings.at(where)
                .message(message + (group.mayHoldRunners() ? "." : "; it holds no runner now."))
                .subject("runner group " + group.name().value().strip().toLowerCase(Locale.ROOT));
        if (!group.mayHoldRunners()) {
            finding.severity(Severity.LOW);
        }
        finding.report();
    }
}
