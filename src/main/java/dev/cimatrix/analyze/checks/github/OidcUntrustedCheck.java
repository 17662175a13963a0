package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job that can mint an OIDC token ({@code id-token: write}, directly or through {@code write-all}) in a
 * workflow an outsider can start, or outside a deployment environment. Cloud roles trust such tokens by
 * their claims; a token minted where outsiders steer the run, or one whose subject is a bare branch rather
 * than a protected environment, reaches whatever the role allows.
 */
public final class OidcUntrustedCheck implements Check {
    public static final String ID = "gha-oidc-untrusted";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Workflow workflow = context.workflow();
        Job job = context.job();
        Permissions granting = job.permissions().isAbsent() ? workflow.permissions() : job.permissions();
        if (granting.level("id-token") != Permissions.Level.WRITE) {
            return;
        }
        // A workflow of this repository that the job calls is in the scan: its jobs are what runs, and mints.
        Optional<Workflow> callee = job.callsReusableWorkflow() && job.uses().isSameRepository()
                ? context.inventory().workflow(WorkflowTaint.resolve(workflow.path(), job.uses().path()))
                : Optional.empty();
        List<Job> minters = callee.map(w -> w.jobs().stream().filter(j -> mints(w, j, granting)).toList()).orElse(List.of());
        if (callee.isPresent() && minters.isEmpty()) {
            return;
        }
        List<Trigger> outsider = Triggers.reaching(Triggers.privilegedOutsider(workflow), job);
        boolean noEnvironment = job.environment() == null && !job.callsReusableWorkflow();
        if (outsider.isEmpty() && !noEnvironment) {
            return;
        }
        var finding = findings.at(granting.locationOf("id-token")).subject("job " + job.id());
        if (!outsider.isEmpty()) {
            // The called jobs that can mint the token and that an outsider's run of each trigger reaches: their
            // conditions neither rule the event out nor keep every outsider out. Where none is, a member's run alone
            // mints it, which lowers confidence as a gate of the job would.
            Map<Trigger, List<Job>> open = new LinkedHashMap<>();
            outsider.forEach(t -> open.put(t, minters.stream()
                    .filter(m -> Triggers.reaches(t, m) && !Gates.closedToOutsiders(t, m.condition(),
                            context.inventory().issueForms(workflow.path()))).toList()));
            Trigger trigger = outsider.stream().filter(t -> callee.isEmpty() || !open.get(t).isEmpty()).findFirst()
                    .orElse(outsider.get(0));
            boolean calleeGated = callee.isPresent() && open.get(trigger).isEmpty();
            // Starting the run is not minting the token: only code in the job can. High when the job visibly runs
            // an outsider's code or input; otherwise it is one such step away.
            Optional<Job> calleeRunning = open.get(trigger).stream()
                    .filter(j -> runsOutsiderInput(new JobContext(context.inventory(), callee.get(), j, context.derived()),
                            trigger.event()))
                    .findFirst();
            boolean runsOutsiderInput = calleeRunning.isPresent()
                    || !job.callsReusableWorkflow() && runsOutsiderInput(context, trigger.event());
            String what;
            if (runsOutsiderInput) {
                what = calleeRunning.map(j -> "job '" + j.id() + "' of the workflow it calls").orElse("the job")
                        + " runs code or input of theirs, so a cloud role that trusts this repository's tokens is "
                        + "reachable from that run";
            } else if (job.callsReusableWorkflow() && callee.isEmpty()) {
                what = "what the called workflow's jobs run decides whether its cloud roles are reachable";
            } else {
                what = "should a step " + (callee.isPresent() ? "of the workflow it calls " : "") + "come to run "
                        + "their code or input, a cloud role that trusts this repository's tokens is reachable";
            }
            finding.severity(runsOutsiderInput ? Severity.HIGH : Severity.MEDIUM)
                    .related(trigger.location(), "an outsider can start this run")
                    .message("job '" + job.id() + "' can mint an OIDC token in a workflow that runs on "
                            + trigger.event() + ", which an outsider can start; " + what
                            + (noEnvironment ? ", and no environment narrows the token's subject" : ""));
            calleeRunning.ifPresent(j -> finding.related(j.location(), "runs an outsider's code or input"));
            if (calleeGated) {
                finding.confidence(Confidence.LOW).clause("behind a gate: each job of the called workflow that can mint "
                        + "the token (job '" + minters.get(0).id() + "') keeps outsiders out by its condition");
            }
            Gates.apply(context, null, finding,
                    Checkouts.inPrivilegedJob(context).flatMap(Checkouts.PrivilegedCheckout::moves));
        } else {
            finding.severity(Severity.LOW)
                    .message("job '" + job.id() + "' can mint an OIDC token without a deployment environment, so the "
                            + "token's subject is the branch or tag that ran it; a cloud role trusting the repository "
                            + "or a wildcard ref is reachable from any branch anyone with push access creates");
        }
        finding.property("environment", job.environment() == null ? "" : job.environment().value())
                .report();
    }

    /**
     * Whether a job of a called workflow can mint the token: its own permissions grant id-token, or it has none and
     * gets the caller's, which do.
     */
    private static boolean mints(Workflow callee, Job job, Permissions callerGrant) {
        Permissions own = job.permissions().isAbsent() ? callee.permissions() : job.permissions();
        return own.isAbsent() ? callerGrant.level("id-token") == Permissions.Level.WRITE
                : own.level("id-token") == Permissions.Level.WRITE;
    }

    /** Whether the job checks out an outsider's code or runs a script or script input that carries their data. */
    private static boolean runsOutsiderInput(JobContext context, String trigger) {
        if (!Checkouts.untrusted(context.job(), trigger).isEmpty()) {
            return true;
        }
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        for (Step step : context.job().steps()) {
            Scope scope = Scope.of(context.workflow(), context.job(), step);
            for (CodeSinks.CodeValue code : CodeSinks.of(step)) {
                if (!taint.sources(code.value(), scope).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
