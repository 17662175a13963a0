package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ACTIONS_STEP_DEBUG} or {@code ACTIONS_RUNNER_DEBUG} switched on in a workflow's, job's or step's
 * {@code env}: debug output of the runner and of actions (evaluated expressions, request details, values
 * that were never registered as secrets) goes into logs that every reader of the runs can see. A job or step
 * finding is placed on the job or step that logs in debug mode, with the variable as related location.
 */
public final class DebugEnabledCheck implements Check {
    public static final String ID = "gha-debug-enabled";
    private static final Set<String> VARIABLES = Set.of("ACTIONS_STEP_DEBUG", "ACTIONS_RUNNER_DEBUG");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        for (KeyValue kv : enabling(context.workflow().env())) {
            report(findings, kv.keyLocation(), kv, "every job of the workflow");
        }
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        for (KeyValue kv : enabling(context.job().env())) {
            report(findings, firstLine(context.job().location()), kv, "job '" + context.job().id() + "'");
        }
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        if (Conditions.neverRuns(context.step().condition())) {
            return;
        }
        for (KeyValue kv : enabling(context.step().env())) {
            report(findings, firstLine(context.step().location()), kv, "step '" + context.step().label() + "'");
        }
    }

    private static void report(FindingSink findings, Location where, KeyValue kv, String scope) {
        var finding = findings.at(where)
                .subject(kv.key().toUpperCase(Locale.ROOT) + " " + scope)
                .related(kv.keyLocation(), kv.key() + " set here");
        String message = kv.key() + " is switched on for " + scope + ": debug output (evaluated expressions, request"
                + " details, values never registered as secrets) goes into logs that everyone who can read the runs can"
                + " see; enable debug logging for a single re-run instead";
        if (kv.value().hasExpressions()) {
            finding.confidence(Confidence.MEDIUM).message(message + " (the value comes from `" + kv.value().value().strip()
                    + "`, which may be false)");
        } else {
            finding.message(message);
        }
        finding.report();
    }

    private static List<KeyValue> enabling(List<KeyValue> env) {
        return env.stream()
                .filter(kv -> VARIABLES.contains(kv.key().toUpperCase(Locale.ROOT)))
                .filter(kv -> kv.value().hasExpressions() || isTrue(kv.value().value()))
                .toList();
    }

    private static boolean isTrue(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1");
    }

    /** The first line of a job or step, where a reader looks for what it does. */
    private static Location firstLine(Location whole) {
        return new Location(whole.path(), whole.startLine(), whole.startColumn(), whole.startLine(), whole.startColumn(),
                whole.route());
    }
}
