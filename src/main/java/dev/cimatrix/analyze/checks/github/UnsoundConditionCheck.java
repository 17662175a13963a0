package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.expr.Condition;

/**
 * An {@code if:} that GitHub reads as an interpolated string rather than as an expression: text around the
 * {@code ${{ }}}, two of them joined by {@code &&}, or a {@code |} block scalar that keeps its final line
 * break. A non-empty string is true, so the job or step runs whatever the expression says.
 */
public final class UnsoundConditionCheck extends ConditionCheck {
    public static final String ID = "gha-unsound-condition";

    @Override
    public String id() {
        return ID;
    }

    @Override
    void report(Conditions.Analysed condition, FindingSink findings) {
        if (condition.written().parsed().form() != Condition.Form.INTERPOLATED_STRING) {
            return;
        }
        Truth truth = condition.analysis().truth();
        if (truth == Truth.ALWAYS_FALSE) {
            return;
        }
        var finding = findings.at(condition.written().text().location()).subject(condition.owner())
                .message("the condition of " + condition.owner() + " is a string, not an expression: "
                        + condition.analysis().reason()
                        + (truth == Truth.ALWAYS_TRUE ? ", so it always runs" : ""));
        if (truth == Truth.DEPENDS) {
            // Expressions back to back: false only when all of them are empty, which is rarely what was meant.
            finding.severity(Severity.MEDIUM).confidence(Confidence.MEDIUM);
        }
        finding.report();
    }
}
