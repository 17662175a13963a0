package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Optional;

/**
 * The "pwn request": a workflow that runs with secrets and a write token for events outsiders cause
 * ({@code pull_request_target}, {@code workflow_run}, {@code issue_comment}, …) checks out the pull request's
 * code and then executes it: a build, a package install, a test run, a local action, a container build.
 * The attacker's code then runs with the workflow's privileges. Each executing step is one finding, with
 * the checkout as related location; conditions and environments that may stop outsiders lower confidence.
 */
public final class UntrustedCheckoutCheck implements Check {
    public static final String ID = "gha-untrusted-checkout";

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
        Optional<String> trigger = Optional.of(privileged.get().trigger());
        List<Checkouts.UntrustedCheckout> checkouts = privileged.get().checkouts();
        Checkouts.UntrustedCheckout first = checkouts.get(0);
        for (Step step : context.job().steps()) {
            if (step.index() <= first.step().index()) {
                continue;
            }
            Optional<String> executor = RepoExecutors.executor(step);
            boolean runsScript = step.run() != null;
            if (executor.isEmpty() && !runsScript) {
                continue;
            }
            var where = step.run() != null ? step.run().location()
                    : step.uses() != null ? step.uses().location() : step.location();
            String what = executor.orElse("a script");
            var finding = findings.at(where)
                    .message("runs " + what + " after checking out a pull request's code in a " + trigger.get()
                            + " workflow (" + first.reason() + "); the attacker's code runs with this workflow's "
                            + "secrets and token")
                    .related(first.location(), "the pull request's code is checked out here")
                    .subject(context.job().id() + ":" + step.label())
                    .property("trigger", trigger.get());
            context.workflow().trigger(trigger.get()).ifPresent(t -> finding.related(t.location(), "runs on " + trigger.get()));
            if (executor.isEmpty()) {
                finding.confidence(Confidence.MEDIUM);
            }
            for (Checkouts.Gate gate : Checkouts.gates(context.job(), step)) {
                finding.related(gate.location(), gate.description() + ": lowers confidence, does not remove the risk");
                finding.lowerConfidence();
            }
            finding.report();
        }
    }
}
