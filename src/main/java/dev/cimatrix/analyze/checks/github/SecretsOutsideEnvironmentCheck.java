package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job that reads a secret without being in an environment. Such a secret is a repository or organisation secret:
 * whoever can push a branch can run a workflow of their own on it and read the secret, without a pull request or a
 * review. An environment's secrets are held back until its protection rules (required reviewers, deployment branches)
 * let the job in. An inventory for auditors, as zizmor's {@code secrets-outside-env} is.
 */
public final class SecretsOutsideEnvironmentCheck implements Check {
    public static final String ID = "gha-secrets-outside-environment";

    private final Set<String> allowed = new HashSet<>();

    public SecretsOutsideEnvironmentCheck(ScanConfig config) {
        config.listOption(ID, "allow").forEach(name -> allowed.add(name.strip().toUpperCase(Locale.ROOT)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        // A reusable workflow's call hands its secrets to the jobs of that workflow, which are judged there.
        if (job.environment() != null || job.uses() != null) {
            return;
        }
        for (Map.Entry<String, Location> secret : JobPrivileges.secretsOf(context.workflow(), job).entrySet()) {
            String name = secret.getKey();
            if (name.equals("*") || allowed.contains(name)) {
                continue;
            }
            findings.at(secret.getValue()).subject(job.id() + " " + name)
                    .message("job '" + job.id() + "' reads secrets." + name + " without an environment, so it is a "
                            + "repository or organisation secret: anyone who can push a branch can run a workflow of "
                            + "their own that reads it, with no review; keep it in an environment with required "
                            + "reviewers or deployment branches and give the job that environment, or list it under "
                            + "allow")
                    .property("secret", name).report();
        }
    }
}
