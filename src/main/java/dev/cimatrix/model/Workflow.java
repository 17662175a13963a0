package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

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
        jobs = List.copyOf(jobs);
    }

    public Optional<Trigger> trigger(String event) {
        return triggers.stream().filter(t -> t.event().equals(event)).findFirst();
    }

    public boolean hasTrigger(String event) {
        return trigger(event).isPresent();
    }

    public Optional<Job> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** True for a workflow that only runs when called by another ({@code on: workflow_call}). */
    public boolean isReusable() {
        return hasTrigger("workflow_call");
    }
}
