package dev.cimatrix.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A GitHub Actions workflow file.
 *
 * @param path      path relative to the scanned root, with '/' separators
 * @param location  the whole document
 * @param runShell  {@code defaults.run.shell}, or null
 */
public record Workflow(String path, String name, Location location, List<Trigger> triggers, Permissions permissions,
                       List<KeyValue> env, String runShell, List<Job> jobs) {
    public Workflow {
        triggers = List.copyOf(triggers);
        env = List.copyOf(env);
        jobs = jobs instanceof Jobs indexed ? indexed : new Jobs(jobs);
    }

    public Optional<Trigger> trigger(String event) {
        return triggers.stream().filter(t -> t.event().equals(event)).findFirst();
    }

    public boolean hasTrigger(String event) {
        return trigger(event).isPresent();
    }

    public Optional<Job> job(String id) {
        return Optional.ofNullable(((Jobs) jobs).byId.get(id));
    }

    /**
     * The jobs, unmodifiable, with an index by id: jobs are looked up by the ids in each job's {@code needs}, and a
     * workflow of thousands of jobs that each need dozens was read in time growing with the square of its jobs.
     */
    private static final class Jobs extends AbstractList<Job> implements RandomAccess {
        private final List<Job> list;
        private final Map<String, Job> byId = new HashMap<>();

        Jobs(List<Job> jobs) {
            this.list = List.copyOf(jobs);
            list.forEach(job -> byId.putIfAbsent(job.id(), job));
        }

        @Override
        public Job get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    /** True for a workflow that only runs when called by another ({@code on: workflow_call}). */
    public boolean isReusable() {
        return hasTrigger("workflow_call");
    }
}
