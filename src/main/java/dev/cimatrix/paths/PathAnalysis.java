package dev.cimatrix.paths;

import java.util.List;

/**
 * The result of {@link AttackPaths#analyse}: the graph, the ranked paths, the exposure of every job, and
 * what the model does not know (parts of the threat model that were neither declared nor discovered), so
 * readers can tell "no path" from "not known".
 *
 * @param truncated true when the search stopped at its expansion limit before finding all it could
 */
public record PathAnalysis(AttackGraph graph, List<AttackPath> paths, List<JobExposure> jobs, List<String> unknowns,
                           PathLimits limits, boolean truncated) {
    public PathAnalysis {
        paths = List.copyOf(paths);
        jobs = List.copyOf(jobs);
        unknowns = List.copyOf(unknowns);
    }

    /** Jobs that run untrusted input and hold privileges. */
    public List<JobExposure> mixedJobs() {
        return jobs.stream().filter(JobExposure::mixes).toList();
    }
}
