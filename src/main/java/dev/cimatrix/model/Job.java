package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

/**
 * A job of a pipeline. For GitHub Actions a job either runs {@code steps} on a runner or calls a reusable
 * workflow ({@code uses}, with {@code with} and {@code secrets}).
 *
 * @param runsOn         runner labels (and group) as written; empty for a reusable-workflow call
 * @param runnerGroup    the runner group of {@code runs-on: {group: …}}, also in {@code runsOn}; null without one
 * @param environment    the deployment environment name, or null
 * @param secretsInherit {@code secrets: inherit} on a reusable-workflow call
 * @param matrix         the matrix axes as written ({@code strategy.matrix}), values as source text
 * @param matrixValues   every scalar value a matrix axis can take, from the axis lists and from
 *                       {@code include} entries, keyed by axis name; what {@code ${{ matrix.X }}} can expand to
 * @param runWorkingDirectory {@code defaults.run.working-directory} of the job, else of the workflow, or null
 * @param runShell       {@code defaults.run.shell} of the job, or null (the workflow's is {@link Workflow#runShell})
 * @param snapshot       the runner image the job saves ({@code snapshot:}), or null
 */
public record Job(String id, String name, Location location, List<Scalar> runsOn, Scalar runnerGroup, Scalar environment,
                  IfCondition condition, List<String> needs, Permissions permissions, List<KeyValue> env,
                  List<Step> steps, Container container, List<Container> services, ActionRef uses,
                  List<KeyValue> with, boolean secretsInherit, List<KeyValue> secrets, List<KeyValue> outputs,
                  List<KeyValue> matrix, List<KeyValue> matrixValues, String runWorkingDirectory, String runShell,
                  RunnerSnapshot snapshot) {
    public Job {
        runsOn = List.copyOf(runsOn);
        needs = List.copyOf(needs);
        env = List.copyOf(env);
        steps = List.copyOf(steps);
        services = List.copyOf(services);
        with = List.copyOf(with);
        secrets = List.copyOf(secrets);
        outputs = List.copyOf(outputs);
        matrix = List.copyOf(matrix);
        matrixValues = List.copyOf(matrixValues);
    }

    /** The values {@code matrix.<axis>} can take, as written. */
    public List<Scalar> matrixValues(String axis) {
        return matrixValues.stream().filter(kv -> kv.key().equals(axis)).map(KeyValue::value).toList();
    }

    /**
     * The folder a step's script runs in, as written: its own {@code working-directory}, else the defaults'; null
     * for the workspace and for a step that runs no script.
     */
    public String workingDirectory(Step step) {
        if (step.run() == null) {
            return null;
        }
        return step.workingDirectory() != null ? step.workingDirectory().value() : runWorkingDirectory;
    }

    public boolean callsReusableWorkflow() {
        return uses != null;
    }

    public Optional<KeyValue> output(String name) {
        return outputs.stream().filter(o -> o.key().equals(name)).findFirst();
    }
}
