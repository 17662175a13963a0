package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.JobEvents;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.RunnerSnapshot;
import dev.cimatrix.model.Trigger;

import java.util.List;
import java.util.Optional;

/**
 * A job that saves its runner as a custom runner image ({@code snapshot:}) in a workflow an outsider can start. When
 * the job succeeds, GitHub makes the machine's state a new version of the image, and the larger runners that use the
 * image's latest version start every later job from it, in any repository the runners serve: whatever the outsider's
 * code or data left on the machine (a changed tool, a service, a hook in a shell profile) runs there too, release jobs
 * included. GitHub advises building images from scheduled runs of the default branch.
 */
public final class UntrustedSnapshotCheck implements Check {
    public static final String ID = "gha-untrusted-snapshot";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        RunnerSnapshot snapshot = job.snapshot();
        if (snapshot == null || Conditions.neverRuns(job.condition()) || Conditions.neverRuns(snapshot.condition())) {
            return;
        }
        // Under pull_request a fork runs its own copy of the workflow, conditions and all; the other triggers run the
        // repository's copy, whose conditions (the job's and the snapshot's own) may rule the event out.
        List<Trigger> outsider = Triggers.outsider(context.workflow()).stream()
                .filter(t -> Triggers.runsOutsiderCode(t)
                        || Triggers.reaches(t, job) && JobEvents.allows(snapshot.condition(), t.event()))
                .toList();
        if (outsider.isEmpty()) {
            return;
        }
        // A fork's pull request running its own code is the worst case, then a run that checks the outsider's code out.
        Optional<Trigger> forkRun = outsider.stream().filter(Triggers::runsOutsiderCode).findFirst();
        Optional<Checkouts.PrivilegedCheckout> checkout = forkRun.isPresent() ? Optional.empty()
                : Checkouts.inPrivilegedJob(context);
        Trigger trigger = forkRun.orElseGet(() -> checkout.flatMap(c -> outsider.stream()
                .filter(t -> t.event().equals(c.trigger())).findFirst()).orElse(outsider.get(0)));
        boolean forkCode = forkRun.isPresent();
        String image = snapshot.imageName() == null || snapshot.imageName().value().isBlank()
                ? "a custom runner image" : "custom runner image '" + snapshot.imageName().value().strip() + "'";
        String how = forkCode ? "a pull request from a fork runs its own code in this job (its copy of the workflow, "
                + "which the fork can change)"
                : checkout.isPresent() ? "the job checks out code from the pull request or fork that started the run"
                : "a run an outsider starts executes this job on data they chose";
        var finding = findings.at(snapshot.location()).subject("job " + job.id())
                .related(trigger.location(), "an outsider can start this run")
                .message("job '" + job.id() + "' saves its runner as " + image + " in a workflow that runs on "
                        + trigger.event() + ": " + how + ", and whatever it leaves on the machine goes into the image, "
                        + "which every larger runner using the image's latest version starts its jobs from");
        checkout.ifPresent(c -> finding.related(c.first().step().location(), "the outsider's code is checked out here"));
        if (forkCode) {
            // Whether a fork's run may use the image-generation runner depends on its runner group, which the
            // workflow does not show.
            finding.confidence(Confidence.MEDIUM);
        } else {
            if (checkout.isEmpty()) {
                finding.confidence(Confidence.MEDIUM);
            }
            Gates.apply(context, null, finding, checkout.flatMap(Checkouts.PrivilegedCheckout::moves));
        }
        finding.report();
    }
}
