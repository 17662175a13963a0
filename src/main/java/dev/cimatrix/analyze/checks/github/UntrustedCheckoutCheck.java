package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.model.Step;

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
        String trigger = privileged.get().trigger();
        Checkouts.UntrustedCheckout first = privileged.get().first();
        for (Step step : context.job().steps()) {
            Optional<Checkouts.Run> run = privileged.get().run(context.job(), step);
            if (run.isEmpty()) {
                continue;
            }
            // The pull request may sit in a folder of its own ('path: pr') that this step neither works in nor names.
            boolean reaches = run.get().reaches();
            var finding = findings.at(step.actionLocation())
                    .message("runs " + run.get().what() + " after checking out a pull request's code in " + dev.cimatrix.analyze.github.Triggers.workflowOf(trigger)
                            + " (" + first.reason() + "); " + (reaches
                            ? "the attacker's code runs with this workflow's secrets and token"
                            : run.get().asData()
                            ? "the step only hands the interpreter scripts from outside the pull request's tree, which "
                            + "read it as data, so its code runs with this workflow's secrets and token only if such a "
                            + "script loads some of it"
                            : "the code sits in its own folder, which this step neither works in nor names, so it "
                            + "runs with this workflow's secrets and token only if a tool picks that folder up (test "
                            + "runners that search the workspace, workspace-aware package managers)"))
                    .related(first.location(), "the pull request's code is checked out here")
                    .subject(context.job().id() + ":" + step.label())
                    .property("trigger", trigger);
            context.workflow().trigger(trigger).ifPresent(t -> finding.related(t.location(), "runs on " + trigger));
            // Not reaching the folder, what the step runs is the workspace's other content, unless a tool picks the
            // folder up by itself.
            finding.confidence(run.get().confidence());
            Gates.apply(context, step, finding, privileged.get().movesBefore(step));
            finding.report();
        }
    }
}
