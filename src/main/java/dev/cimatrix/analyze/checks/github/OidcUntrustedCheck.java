package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.List;

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
        List<Trigger> outsider = Triggers.privilegedOutsider(workflow);
        boolean noEnvironment = job.environment() == null && !job.callsReusableWorkflow();
        if (outsider.isEmpty() && !noEnvironment) {
            return;
        }
        var finding = findings.at(granting.locationOf("id-token")).subject("job " + job.id());
        if (!outsider.isEmpty()) {
            Trigger trigger = outsider.get(0);
            finding.severity(Severity.HIGH).related(trigger.location(), "an outsider can start this run")
                    .message("job '" + job.id() + "' can mint an OIDC token in a workflow that runs on "
                            + trigger.event() + ", which an outsider can start; a cloud role that trusts this "
                            + "repository's tokens is reachable from that run"
                            + (noEnvironment ? ", and no environment narrows the token's subject" : ""));
        } else {
            finding.severity(Severity.LOW)
                    .message("job '" + job.id() + "' can mint an OIDC token without a deployment environment, so the "
                            + "token's subject is the branch or tag that ran it; a cloud role trusting the repository "
                            + "or a wildcard ref is reachable from any branch anyone with push access creates");
        }
        finding.property("environment", job.environment() == null ? "" : job.environment().value())
                .report();
    }
}
