package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;

import java.util.Locale;
import java.util.Set;

/**
 * What is run chosen by the attacker: an action reference or a tool version built from attacker-controlled
 * data ({@code node-version: ${{ github.event.pull_request.title }}}). The attacker picks which code the
 * step downloads and runs, such as a version they published, or a path that escapes the tool cache.
 */
public final class TaintedUsesCheck implements Check {
    public static final String ID = "gha-tainted-uses";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        var step = context.step();
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        if (step.uses() != null && step.uses().raw().contains("${{")) {
            findings.at(step.uses().location())
                    .message("the action reference '" + step.uses().raw().strip() + "' is built from an expression; "
                            + "GitHub does not evaluate expressions in uses:, and what runs must be fixed in the file")
                    .subject("uses:" + step.uses().raw().strip())
                    .report();
        }
        if (step.uses() == null) {
            return;
        }
        for (KeyValue input : step.with()) {
            String key = input.key().toLowerCase(Locale.ROOT);
            boolean choosesCode = key.equals("version") || key.endsWith("-version") || key.endsWith("_version")
                    || key.equals("tool-versions") || key.equals("ref") && !step.uses("actions/checkout");
            if (!choosesCode) {
                continue;
            }
            Set<String> sources = taint.sources(input.value(), scope);
            if (!sources.isEmpty()) {
                var finding = findings.at(input.value().location())
                        .message("'" + input.key() + "' of " + step.uses().nameWithPath() + " comes from "
                                + String.join(", ", sources) + ", so an attacker chooses which code the step installs and runs")
                        .subject(step.uses().nameWithPath() + ":" + input.key());
                // As for template injection: without secrets or a write token for outsiders (a fork's pull request
                // already runs its own code) it is medium, and an input of a published action depends on its callers.
                boolean published = context.inAction() && taint.isPublished(context.action());
                if (Triggers.privilegedForOutsiders(taint.triggers(scope)).isEmpty() && !published) {
                    finding.severity(Severity.MEDIUM);
                }
                if (published) {
                    finding.confidence(Confidence.MEDIUM);
                }
                finding.confidenceAtMost(taint.sureness(sources, scope));
                if (sources.stream().allMatch(source -> source.startsWith(WorkflowTaint.PUBLISHED_INPUT))) {
                    // Only a published action's own inputs: a version is its caller's setting, and a caller that sets
                    // it chooses what the job runs already; it picks among the builds the step's action offers.
                    finding.severity(Severity.LOW).confidence(Confidence.LOW).clause("the value is an input of this "
                            + "published action, which its callers set: only a caller that passes event data into it "
                            + "hands the choice to an outsider");
                }
                finding.report();
            }
        }
    }
}
