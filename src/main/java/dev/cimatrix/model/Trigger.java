package dev.cimatrix.model;

import java.util.List;

/**
 * An event that starts a pipeline, with its filters.
 *
 * @param types       activity types ({@code types: [opened, labeled]}); empty means all
 * @param branches    branch filters, {@code branches} and {@code branches-ignore} prefixed with '!'
 * @param workflows   for {@code workflow_run}: the workflows it follows
 * @param inputs      for {@code workflow_call} and {@code workflow_dispatch}: the declared inputs
 * @param tags        for {@code push}: tag filters, {@code tags-ignore} prefixed with '!'; empty when none is
 *                    written
 * @param inputDefaults for {@code workflow_call} and {@code workflow_dispatch}: the default of each declared input
 *                      that has one
 */
public record Trigger(String event, Location location, List<String> types, List<String> branches,
                      List<String> paths, List<String> workflows, List<KeyValue> inputs, List<String> secrets,
                      List<String> tags, List<KeyValue> inputDefaults) {
    public Trigger {
        types = List.copyOf(types);
        branches = List.copyOf(branches);
        paths = List.copyOf(paths);
        workflows = List.copyOf(workflows);
        inputs = List.copyOf(inputs);
        secrets = List.copyOf(secrets);
        tags = List.copyOf(tags);
        inputDefaults = List.copyOf(inputDefaults);
    }

    public Trigger(String event, Location location, List<String> types, List<String> branches, List<String> paths,
                   List<String> workflows, List<KeyValue> inputs, List<String> secrets) {
        this(event, location, types, branches, paths, workflows, inputs, secrets, List.of(), List.of());
    }

    /** The default of a declared input, by name as written (inputs are compared without case). */
    public java.util.Optional<Scalar> inputDefault(String name) {
        return inputDefaults.stream().filter(kv -> kv.key().equalsIgnoreCase(name)).map(KeyValue::value).findFirst();
    }

    /** True for a {@code push} that filters on tags, which usually means a release. */
    public boolean filtersTags() {
        return !tags.isEmpty();
    }

    public static Trigger simple(String event, Location location) {
        return new Trigger(event, location, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
