package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ACTIONS_ALLOW_UNSECURE_COMMANDS} switched on in {@code env} (workflow, job or step), which brings
 * back the {@code ::set-env} and {@code ::add-path} workflow commands: anything that reaches the step's log
 * (a PR title echoed, a test name, a dependency's output) can then set variables such as
 * {@code NODE_OPTIONS} or {@code LD_PRELOAD} and prepend to {@code PATH} for the rest of the job. Scripts
 * that still print those commands are reported too, severely when the variable enables them.
 */
public final class InsecureCommandsCheck implements Check {
    public static final String ID = "gha-insecure-commands";
    private static final String VARIABLE = "ACTIONS_ALLOW_UNSECURE_COMMANDS";
    private static final Pattern DEPRECATED_COMMAND = Pattern.compile("::(set-env|add-path)(?=[\\s:])");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        enabling(context.workflow().env()).ifPresent(kv -> report(kv, "the whole workflow", findings));
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        enabling(context.job().env()).ifPresent(kv -> report(kv, "job '" + context.job().id() + "'", findings));
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Step step = context.step();
        if (Conditions.neverRuns(step.condition())) {
            return;
        }
        Optional<KeyValue> own = enabling(step.env());
        own.ifPresent(kv -> report(kv, "step '" + step.label() + "'", findings));
        Scalar run = step.run();
        if (run == null || !run.value().contains("::")) {
            return;
        }
        Optional<KeyValue> inScope = own.or(() -> context.job() == null ? Optional.empty() : enabling(context.job().env()))
                .or(() -> context.workflow() == null ? Optional.empty() : enabling(context.workflow().env()));
        Matcher m = DEPRECATED_COMMAND.matcher(run.value());
        while (m.find()) {
            Location where = run.locate(m.start(), m.end() - m.start());
            var finding = findings.at(where).subject("::" + m.group(1) + " in " + step.label());
            if (inScope.isPresent()) {
                finding.message("step '" + step.label() + "' prints the '::" + m.group(1) + "' command, enabled here by "
                        + VARIABLE + ": any text that reaches this log can change the job's environment")
                        .related(inScope.get().keyLocation(), VARIABLE + " enables the command");
            } else {
                finding.message("step '" + step.label() + "' prints the deprecated '::" + m.group(1) + "' command, which"
                                + " GitHub ignores unless " + VARIABLE + " is set; write to $GITHUB_ENV or $GITHUB_PATH instead")
                        .severity(Severity.LOW);
            }
            finding.report();
        }
    }

    private static void report(KeyValue kv, String scope, FindingSink findings) {
        var finding = findings.at(kv.keyLocation()).subject(VARIABLE + " " + scope);
        if (kv.value().hasExpressions()) {
            finding.message(VARIABLE + " is set from `" + kv.value().value().strip() + "` for " + scope
                            + ": when that is true, ::set-env and ::add-path work again and any log output can change the job's environment")
                    .confidence(Confidence.MEDIUM);
        } else {
            finding.message(VARIABLE + " is enabled for " + scope + ": ::set-env and ::add-path work again, so any text"
                    + " that reaches the log can set variables and PATH entries for the rest of the job");
        }
        finding.report();
    }

    /** The env entry that turns insecure commands on, if any: a true value or one decided by an expression. */
    private static Optional<KeyValue> enabling(List<KeyValue> env) {
        return env.stream()
                .filter(kv -> kv.key().equalsIgnoreCase(VARIABLE))
                .filter(kv -> kv.value().hasExpressions() || kv.value().value().strip().toLowerCase(Locale.ROOT).equals("true"))
                .findFirst();
    }
}
