package dev.cimatrix.paths;

import dev.cimatrix.model.Location;

import java.util.List;

/**
 * What one job is exposed to and what it holds: how untrusted input gets in (outsider triggers, a checkout
 * of a pull request's code that is then run, an injection) and what it is privileged with (secrets, write
 * scopes of the token, cloud roles, registries, environments, deploy steps). A job with both is where pull
 * request validation and deployment are mixed, the join of most attack paths.
 *
 * @param jobNodeId the job's node in the graph
 * @param untrusted one line per way untrusted input enters; empty when none does
 * @param privileges one line per privilege; empty when the job holds none
 */
public record JobExposure(String jobNodeId, String workflow, String job, Location location, List<String> untrusted,
                          List<String> privileges) {
    public JobExposure {
        untrusted = List.copyOf(untrusted);
        privileges = List.copyOf(privileges);
    }

    public boolean runsUntrustedInput() {
        return !untrusted.isEmpty();
    }

    public boolean isPrivileged() {
        return !privileges.isEmpty();
    }

    /** Untrusted input and privileges in one job. */
    public boolean mixes() {
        return runsUntrustedInput() && isPrivileged();
    }
}
