package dev.cimatrix.fix;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.github.TokenUses;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.Container;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fix of {@code gha-excessive-permissions} where a job has no permissions block (nor its workflow), and plainly
 * never uses its token: {@code permissions: contents: read}, what checking out the code needs, so the job no longer
 * gets the repository's default, read-write in many repositories. "Plainly never uses" is what the check itself
 * says of such jobs ({@link TokenUses#neverUses(Job)}: only checkouts, tool set-ups, caches, artifacts and scripts
 * that mention neither the token, {@code gh}, {@code git push} nor the API), and moreover no env of the job or
 * workflow, no container or service credentials, and no dependency submission reach for it. The workflow's own
 * finding (several jobs without a block) is fixed when all of those jobs but one are.
 */
final class ExcessivePermissionsFix {
    private final FileRewrite rewrite;
    /** The file's jobs by location, and what each may need its token for: worked out once per file and job. */
    private java.util.Map<dev.cimatrix.model.Location, Job> jobsByLocation;
    private final java.util.Map<Job, Optional<String>> needs = new java.util.IdentityHashMap<>();

    ExcessivePermissionsFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    Optional<String> add(Workflow workflow, Finding finding) {
        if (!workflow.permissions().isAbsent()) {
            return Optional.of("only a job without a permissions block is fixed, not this kind of finding");
        }
        List<Job> jobs = new ArrayList<>();
        if (finding.location().equals(workflow.location())) {
            workflow.jobs().stream().filter(j -> j.permissions().isAbsent()).forEach(jobs::add);
        } else {
            if (jobsByLocation == null) {
                jobsByLocation = new java.util.HashMap<>();
                workflow.jobs().forEach(j -> jobsByLocation.putIfAbsent(j.location(), j));
            }
            Job job = jobsByLocation.get(finding.location());
            if (job != null && job.permissions().isAbsent()) {
                jobs.add(job);
            }
        }
        if (jobs.isEmpty()) {
            return Optional.of("only a job without a permissions block is fixed, not this kind of finding");
        }
        boolean workflowFinding = finding.location().equals(workflow.location());
        List<FileRewrite.Additions> blocks = new ArrayList<>();
        String left = null;
        for (Job job : jobs) {
            Optional<String> need = needs.computeIfAbsent(job, j -> tokenNeed(workflow, j));
            if (need.isPresent()) {
                // The workflow is reported for several jobs without a block: with all but one given one, it is not.
                if (workflowFinding && left == null) {
                    left = "job '" + job.id() + "' " + need.get();
                    continue;
                }
                return Optional.of(left != null ? left + ", and " + "job '" + job.id() + "' " + need.get()
                        + "; give them the permissions they need by hand"
                        : "job '" + job.id() + "' " + need.get() + "; give it the permissions it needs by hand");
            }
            YamlMapping mapping = rewrite.mapping(job.location().route());
            if (mapping == null) {
                return Optional.of(FileRewrite.ALIASED);
            }
            Optional<FileRewrite.Additions> block = rewrite.additions(mapping, "permissions", List.of("steps"));
            if (block.isEmpty()) {
                return Optional.of("job '" + job.id() + "' has a permissions entry that an entry cannot be added to");
            }
            blocks.add(block.get());
        }
        blocks.forEach(b -> b.add("contents", "read"));
        return Optional.empty();
    }

    /** Why the job may need more of its token than reading the code, if it may. */
    private static Optional<String> tokenNeed(Workflow workflow, Job job) {
        if (!TokenUses.neverUses(job)) {
            return Optional.of("may use its token (a step that is not a checkout, set-up, cache, artifact or plain script)");
        }
        List<KeyValue> env = new ArrayList<>(workflow.env());
        env.addAll(job.env());
        List<Container> containers = new ArrayList<>(job.services());
        if (job.container() != null) {
            containers.add(job.container());
        }
        containers.forEach(c -> env.addAll(c.credentials()));
        if (env.stream().anyMatch(kv -> kv.value() != null && TokenUses.namesRunToken(kv.value().value()))) {
            return Optional.of("passes its token through env or container credentials");
        }
        for (Step step : job.steps()) {
            if (step.uses() != null && step.uses().path() != null && step.uses().path().contains("dependency-submission")) {
                return Optional.of("submits a dependency graph, which needs contents: write");
            }
        }
        return Optional.empty();
    }
}
