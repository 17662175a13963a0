package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.SecretSources;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets handed to a job that runs an outsider's code. Whatever the job's steps receive (env, inputs,
 * script text) the attacker's code can read from the runner's memory or environment, so every named
 * secret there is as good as published. One finding per secret, at its first use in the job.
 */
public final class SecretsInUntrustedJobCheck implements Check {
    public static final String ID = "gha-secrets-in-untrusted-job";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Optional<Checkouts.PrivilegedCheckout> privileged = Checkouts.inPrivilegedJob(context);
        if (privileged.isEmpty()) {
            return;
        }
        Checkouts.UntrustedCheckout first = privileged.get().first();
        // The step likeliest to run the pull request's code, rated as gha-untrusted-checkout rates it: the facts of
        // one step, not a known executor of one step and the folder named by another.
        Step surest = null;
        Checkouts.Run surestRun = null;
        for (Step step : context.job().steps()) {
            Optional<Checkouts.Run> run = privileged.get().run(context.job(), step);
            if (run.isPresent() && (surestRun == null || run.get().confidence().compareTo(surestRun.confidence()) > 0)) {
                surest = step;
                surestRun = run.get();
            }
        }
        if (surest == null) {
            return;
        }
        SecretSources sources = context.derived().get(SecretSources.class, () -> SecretSources.of(context.inventory()));
        for (Map.Entry<String, ExpressionUse> secret : secretsUsed(context).entrySet()) {
            if (sources.of(context.workflow().path(), context.job(), secret.getKey())
                    .filter(SecretSources.Source.NONE::equals).isPresent()) {
                // A settings snapshot lists every place it could come from, and none holds it: the job gets nothing.
                continue;
            }
            var finding = findings.at(secret.getValue().location())
                    .message("secret " + secret.getKey() + " is available to a job that runs a pull request's code in "
                            + dev.cimatrix.analyze.github.Triggers.workflowOf(privileged.get().trigger())
                            + "; the attacker's code can read it")
                    .related(first.location(), "the pull request's code is checked out here")
                    .related(surest.actionLocation(), "runs " + surestRun.what() + " here, which may run that code")
                    .subject(context.job().id() + ":" + secret.getKey())
                    .confidence(surestRun.confidence());
            // The same gates as gha-untrusted-checkout.
            Gates.apply(context, null, finding, privileged.get().movesBefore(surest));
            finding.report();
        }
    }

    /** Secret name to its first use in the job, GITHUB_TOKEN excluded (its own checks judge its scopes). */
    private static Map<String, ExpressionUse> secretsUsed(JobContext context) {
        List<Scalar> values = new ArrayList<>();
        context.workflow().env().forEach(kv -> values.add(kv.value()));
        context.job().env().forEach(kv -> values.add(kv.value()));
        for (Step step : context.job().steps()) {
            step.env().stream().map(KeyValue::value).forEach(values::add);
            step.with().stream().map(KeyValue::value).forEach(values::add);
            if (step.run() != null) {
                values.add(step.run());
            }
        }
        Map<String, ExpressionUse> found = new LinkedHashMap<>();
        for (Scalar value : values) {
            for (ExpressionUse use : value.expressions()) {
                for (String path : ContextPaths.readBy(use.expr())) {
                    if (path.startsWith("secrets.") && !path.equals("secrets.github_token")) {
                        found.putIfAbsent(path.substring("secrets.".length()).toUpperCase(java.util.Locale.ROOT), use);
                    }
                }
            }
        }
        return found;
    }
}
