package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    public void workflow(WorkflowContext context, FindingSink findings) {
        // Under pull_request a fork runs its own copy of the workflow, and may add jobs: every job on a runner
        // shows the same exposure, reported once for the runner, on its first job, with the others related.
        Map<String, List<Exposed>> forkJobsByRunner = new LinkedHashMap<>();
        for (Job job : context.workflow().jobs()) {
            JobContext jobContext = new JobContext(context.inventory(), context.workflow(), job, context.derived());
            Optional<Exposure> exposure = exposure(jobContext);
            if (exposure.isEmpty()) {
                continue;
            }
            if (!exposure.get().forkCode()) {
                report(jobContext, exposure.get(), List.of(), findings);
                continue;
            }
            forkJobsByRunner.computeIfAbsent(runnerKey(job), k -> new ArrayList<>())
                    .add(new Exposed(jobContext, exposure.get()));
        }
        for (List<Exposed> jobs : forkJobsByRunner.values()) {
            List<Job> others = jobs.stream().skip(1).map(e -> e.context().job()).toList();
            report(jobs.get(0).context(), jobs.get(0).exposure(), others, findings);
        }
    }

    /** A job and how it is exposed. */
    private record Exposed(JobContext context, Exposure exposure) {
    }

    /** The runner a job asks for and the outsider's trigger that reaches it. */
    private record Exposure(Scalar label, Trigger trigger, boolean forkCode, boolean explicit) {
    }

    private static Optional<Exposure> exposure(JobContext context) {
        Job job = context.job();
        // Under pull_request and the review events the run uses the pull request's own copy of the workflow: a fork
        // edits the job's condition away, so only the other triggers are narrowed by it.
        List<Trigger> outsider = Triggers.outsider(context.workflow()).stream()
                .filter(t -> Triggers.runsOutsiderCode(t) || Triggers.reaches(t, job))
                .toList();
        if (outsider.isEmpty() || job.runsOn().isEmpty()) {
            return Optional.empty();
        }
        Scalar label = selfHostedLabel(job);
        if (label == null) {
            return Optional.empty();
        }
        // A fork's pull request running its own code is the worst case; report it when present.
        Trigger trigger = outsider.stream().filter(Triggers::runsOutsiderCode).findFirst().orElse(outsider.get(0));
        boolean explicit = job.runsOn().stream().anyMatch(l -> l.value().strip().equalsIgnoreCase("self-hosted"));
        return Optional.of(new Exposure(label, trigger, Triggers.runsOutsiderCode(trigger), explicit));
    }

    /** What a job asks for to run on: its labels and group, without case or order. */
    private static String runnerKey(Job job) {
        return job.runsOn().stream().map(l -> l.value().strip().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }

    private static void report(JobContext context, Exposure exposure, List<Job> others, FindingSink findings) {
        Job job = context.job();
        Scalar label = exposure.label();
        boolean forkCode = exposure.forkCode();
        String machine = exposure.explicit() ? "self-hosted runner '" + label.value().strip() + "'"
                : "runner '" + label.value().strip() + "', which GitHub does not host under that name (a self-hosted "
                + "runner, or a larger runner or group whose kind the workflow does not show)";
        String alsoOn = others.isEmpty() ? "" : " (as do " + (others.size() == 1 ? "job '" + others.get(0).id() + "'"
                : others.size() + " other jobs of this workflow") + ")";
        var finding = findings.at(label.location()).subject("job " + job.id())
                .related(exposure.trigger().location(), "an outsider can start this run")
                .message("job '" + job.id() + "' runs on " + machine + alsoOn + " in a workflow "
                        + "that runs on " + exposure.trigger().event() + ": " + (forkCode
                        ? "a pull request from a fork runs its own code on that machine"
                        : "a run an outsider starts executes on that machine")
                        + (exposure.explicit() ? ", which keeps state between jobs unless it is ephemeral, and reaches "
                        + "the network it sits in" : "; if it is self-hosted, it keeps state between jobs unless it is "
                        + "ephemeral, and reaches the network it sits in")
                        + (forkCode && (job.condition() != null || others.stream().anyMatch(o -> o.condition() != null))
                        ? " (a job's condition does not stop it: the run uses the pull request's copy of this "
                        + "workflow, which the fork can change)" : ""));
        others.forEach(other -> finding.related(other.location(), "job '" + other.id() + "' runs on the same runner"));
        finding.severity(forkCode ? Severity.HIGH : Severity.MEDIUM);
        if (!exposure.explicit()) {
            // A group or an unknown label may still be a GitHub-hosted larger runner.
            finding.confidence(Confidence.MEDIUM);
        }
        if (!forkCode) {
            // The workflow file is the repository's: the same gates as the checkout checks hold, a condition or a
            // needed job that keeps forks out leaving only people who can push to the repository.
            // A job that checks out the pull request's moving ref runs, after an approval, whatever is pushed next.
            Gates.apply(context, null, finding,
                    Checkouts.inPrivilegedJob(context).flatMap(Checkouts.PrivilegedCheckout::moves));
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
