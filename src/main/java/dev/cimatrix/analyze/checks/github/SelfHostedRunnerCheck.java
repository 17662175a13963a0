package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Trigger;

import java.util.List;

/**
 * A job on a self-hosted runner (the {@code self-hosted} label, a runner group, or a label GitHub's hosted
 * runners do not have) in a workflow an outsider can start. A self-hosted runner is not wiped between jobs
 * and usually sits inside a private network: code from a fork's pull request, or a run an outsider steers,
 * can leave a backdoor on it for the next job and reach what the machine can reach.
 */
public final class SelfHostedRunnerCheck implements Check {
    public static final String ID = "gha-self-hosted-runner";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        // Under pull_request and the review events the run uses the pull request's own copy of the workflow: a fork
        // edits the job's condition away, so only the other triggers are narrowed by it.
        List<Trigger> outsider = Triggers.outsider(context.workflow()).stream()
                .filter(t -> Triggers.runsOutsiderCode(t) || Triggers.reaches(t, job))
                .toList();
        if (outsider.isEmpty() || job.runsOn().isEmpty()) {
            return;
        }
        Scalar label = selfHostedLabel(job);
        if (label == null) {
            return;
        }
        // A fork's pull request running its own code is the worst case; report it when present.
        Trigger trigger = outsider.stream().filter(Triggers::runsOutsiderCode).findFirst().orElse(outsider.get(0));
        boolean explicit = job.runsOn().stream().anyMatch(l -> l.value().strip().equalsIgnoreCase("self-hosted"));
        boolean forkCode = Triggers.runsOutsiderCode(trigger);
        String machine = explicit ? "self-hosted runner '" + label.value().strip() + "'"
                : "runner '" + label.value().strip() + "', which GitHub does not host under that name (a self-hosted "
                + "runner, or a larger runner or group whose kind the workflow does not show)";
        var finding = findings.at(label.location()).subject("job " + job.id())
                .related(trigger.location(), "an outsider can start this run")
                .message("job '" + job.id() + "' runs on " + machine + " in a workflow "
                        + "that runs on " + trigger.event() + ": " + (forkCode
                        ? "a pull request from a fork runs its own code on that machine"
                        : "a run an outsider starts executes on that machine")
                        + (explicit ? ", which keeps state between jobs unless it is ephemeral, and reaches the network "
                        + "it sits in" : "; if it is self-hosted, it keeps state between jobs unless it is ephemeral, "
                        + "and reaches the network it sits in")
                        + (forkCode && job.condition() != null ? " (the job's condition does not stop it: the run uses "
                        + "the pull request's copy of this workflow, which the fork can change)" : ""));
        finding.severity(forkCode ? Severity.HIGH : Severity.MEDIUM);
        if (!explicit) {
            // A group or an unknown label may still be a GitHub-hosted larger runner.
            finding.confidence(Confidence.MEDIUM);
        }
        if (!forkCode) {
            // The workflow file is the repository's: the same gates as the checkout checks hold, a condition or a
            // needed job that keeps forks out leaving only people who can push to the repository.
            Gates.of(context, null).forEach(gate -> gate.lower(finding));
        }
        finding.property("label", label.value().strip()).report();
    }

    /** The first label that names a self-hosted runner, or null. Labels built from expressions are not judged. */
    private static Scalar selfHostedLabel(Job job) {
        if (Runners.hostedLargerRunner(job)) {
            return null;
        }
        for (Scalar label : job.runsOn()) {
            String value = label.value().strip();
            if (value.isEmpty() || label.hasExpressions()) {
                continue;
            }
            // A group's name is not a label: whatever it is called, it may hold self-hosted runners.
            if (label == job.runnerGroup() || value.equalsIgnoreCase("self-hosted") || !Runners.hosted(value)) {
                return label;
            }
        }
        return null;
    }
}
