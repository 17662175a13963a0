package dev.cimatrix.model;

import java.util.List;

/**
 * An event that starts a pipeline, with its filters.
 *
 * @param types       activity types ({@code types: [opened, labeled]}); empty means all
 * @param branches    branch filters, {@code branches} and {@code branches-ignore} prefixed with '!'
 * @param workflows   for {@code workflow_run}: the workflows it follows
 * @param inputs      for {@code workflow_call} and {@code workflow_dispatch}: the declared inputs
 */
public record Trigger(String event, Location location, List<String> types, List<String> branches,
                      List<String> paths, List<String> workflows, List<KeyValue> inputs, List<String> secrets) {
    public Trigger {
        types = List.copyOf(types);
        branches = List.copyOf(branches);
        paths = List.copyOf(paths);
        workflows = List.copyOf(workflows);
        inputs = List.copyOf(inputs);
        secrets = List.copyOf(secrets);
    }

    public static Trigger simple(String event, Location location) {
        return new Trigger(event, location, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
