package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

/**
 * An action's metadata file ({@code action.yml}): a composite, Docker or JavaScript action.
 *
 * @param using  {@code runs.using}: composite, docker, node20, …
 * @param image  for Docker actions, {@code runs.image}
 * @param steps  for composite actions, {@code runs.steps}
 */
public record ActionDefinition(String path, String name, Location location, String using, List<Input> inputs,
                               List<KeyValue> outputs, List<Step> steps, Scalar image, Scalar main) {
    /** A declared input with its default. */
    public record Input(String name, Location location, Scalar defaultValue, boolean required) {
    }

    public ActionDefinition {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        steps = List.copyOf(steps);
    }

    public boolean isComposite() {
        return "composite".equalsIgnoreCase(using);
    }

    public boolean isDocker() {
        return "docker".equalsIgnoreCase(using);
    }

    /** The directory of the action relative to the root, such as {@code .github/actions/setup}. */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public Optional<Input> input(String name) {
        return inputs.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
    }
}
