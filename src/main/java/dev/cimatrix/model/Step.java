package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

/**
 * One step of a job: either {@code uses} an action or {@code run}s a script.
 *
 * @param index 0-based position in the job's (or composite action's) steps, those of {@code parallel:} groups
 *              counted in their place
 */
public record Step(int index, String id, String name, Location location, ActionRef uses, Scalar run, String shell,
                   List<KeyValue> with, List<KeyValue> env, IfCondition condition, Scalar workingDirectory) {
    public Step {
        with = List.copyOf(with);
        env = List.copyOf(env);
    }

    /** Where the step says what it does: its script, or the action it uses, or the step itself. */
    public Location actionLocation() {
        return run != null ? run.location() : uses != null ? uses.location() : location;
    }

    public Optional<KeyValue> input(String key) {
        return with.stream().filter(kv -> kv.key().equals(key)).findFirst();
    }

    public Optional<String> inputValue(String key) {
        return input(key).map(kv -> kv.value().value());
    }

    /** True when the step uses {@code owner/repo} (any path and ref), compared case-insensitively. */
    public boolean uses(String repository) {
        return uses != null && uses.kind() == ActionRef.Kind.REPOSITORY && uses.isRepository(repository);
    }

    /**
     * The shell the step's script is run with, as written: the step's own, else the job's default, else the
     * workflow's; null when none names one (the runner's default then applies). {@code job} and {@code workflow} are
     * null for a step of an action, which has no defaults.
     */
    public String shellIn(Workflow workflow, Job job) {
        if (shell != null) {
            return shell;
        }
        if (job != null && job.runShell() != null) {
            return job.runShell();
        }
        return workflow == null ? null : workflow.runShell();
    }

    /** A name for messages: the id, else the name, else the position. */
    public String label() {
        if (id != null) {
            return id;
        }
        if (name != null) {
            return name;
        }
        return "step " + (index + 1);
    }
}
