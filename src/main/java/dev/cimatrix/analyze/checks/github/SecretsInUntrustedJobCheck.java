package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.catalog.Confidence;
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
        List<Step> executing = context.job().steps().stream()
                .filter(s -> s.index() > first.step().index() && (RepoExecutors.executor(s).isPresent()
                        || (s.run() != null && !RepoExecutors.runsNothingFromTree(s.run().value()))))
                .toList();
        if (executing.isEmpty()) {
            return;
        }
        // With the pull request in a folder of its own, a step that neither works in it nor names it runs it only if
        // a tool picks the folder up.
        boolean reaches = executing.stream().anyMatch(s -> privileged.get().reaches(context.job(), s));
        // As gha-untrusted-checkout rates a step: a script of commands not known to run the tree is less sure.
        boolean knownExecutor = executing.stream().anyMatch(s -> RepoExecutors.executor(s).isPresent());
        List<Gates.Gate> gates = Gates.of(context, null);
        for (Map.Entry<String, ExpressionUse> secret : secretsUsed(context).entrySet()) {
            var finding = findings.at(secret.getValue().location())
                    .message("secret " + secret.getKey() + " is available to a job that runs a pull request's code in "
                            + dev.cimatrix.analyze.github.Triggers.workflowOf(privileged.get().trigger())
                            + "; the attacker's code can read it")
                    .related(first.location(), "the pull request's code is checked out here")
                    .subject(context.job().id() + ":" + secret.getKey());
            // The same gates as gha-untrusted-checkout.
            if (!knownExecutor) {
                finding.confidence(Confidence.MEDIUM);
            }
            if (!reaches) {
                finding.lowerConfidence();
            }
            gates.forEach(gate -> gate.lower(finding));
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
