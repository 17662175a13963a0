package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reports expressions that read a value GitHub leaves empty without an error (a field no payload has, an input no
 * trigger declares, a step that has not run): low where the value is used, medium in an {@code if:}, whose condition
 * is then decided without what it was meant to test.
 */
final class EmptyReads {
    /**
     * One path an expression reads that is empty. {@code why} follows "reads `path`, " in a message; {@code certain}
     * is false when the value is empty only unless someone outside the scan passes it.
     */
    record EmptyRead(String path, String why, boolean certain) {
    }

    private EmptyReads() {
    }

    /** Reports the empty reads of a job's condition and of its own values. */
    static void inJob(Job job, Function<ExpressionUse, List<EmptyRead>> find, FindingSink findings) {
        inCondition(job.condition(), "job", job.id(), find, findings);
        inValues(ExpressionSites.usedBy(job), find, findings);
    }

    /** Reports the empty reads of a step's condition and of its values. */
    static void inStep(Step step, Function<ExpressionUse, List<EmptyRead>> find, FindingSink findings) {
        inCondition(step.condition(), "step", step.label(), find, findings);
        inValues(ExpressionSites.usedBy(step), find, findings);
    }

    /** Reports the empty reads of expressions written in values ({@code run}, {@code with}, {@code env}…). */
    static void inValues(List<ExpressionUse> uses, Function<ExpressionUse, List<EmptyRead>> find, FindingSink findings) {
        for (ExpressionUse use : uses) {
            for (EmptyRead read : find.apply(use)) {
                findings.at(use.location()).subject(read.path())
                        .confidenceAtMost(read.certain() ? Confidence.HIGH : Confidence.MEDIUM)
                        .message("${{ " + use.source().strip() + " }} reads `" + read.path() + "`, " + read.why()
                                + (read.certain() ? ", so the value is always empty" : ""))
                        .report();
            }
        }
    }

    /** Reports the empty reads of a job's or step's condition; {@code kind} is "job" or "step", {@code name} its label. */
    private static void inCondition(IfCondition condition, String kind, String name, Function<ExpressionUse, List<EmptyRead>> find,
                            FindingSink findings) {
        if (condition == null) {
            return;
        }
        // The reader keeps the condition's expressions with its text, whichever form it has.
        Map<String, EmptyRead> reads = new LinkedHashMap<>();
        condition.text().expressions().forEach(use -> find.apply(use).forEach(r -> reads.putIfAbsent(r.path(), r)));
        for (EmptyRead read : reads.values()) {
            findings.at(condition.text().location()).subject(read.path()).severity(Severity.MEDIUM)
                    .confidenceAtMost(read.certain() ? Confidence.HIGH : Confidence.MEDIUM)
                    .message("the condition of " + kind + " '" + name + "' reads `" + read.path() + "`, " + read.why()
                            + (read.certain() ? ": it is empty in every run, so" : ": where it is empty,")
                            + " the condition is decided without what it was meant to test, and a gate may let every run"
                            + " through or the " + kind + " may never run")
                    .report();
        }
    }
}
