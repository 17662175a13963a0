package dev.cimatrix.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A CircleCI configuration ({@code .circleci/config.yml}, or a configuration a setup workflow continues with). Jobs,
 * commands and executors are kept as written, each with the images and commands written in it, so that a finding
 * points at the text that carries the weakness. Its location is the whole document.
 *
 * @param orbs  the entries of {@code orbs}: references to published orbs, and inline orbs' names
 * @param units the {@code executors}, {@code commands} and {@code jobs}, in file order
 */
public record CircleciConfig(String path, Location location, List<Orb> orbs, List<Unit> units) {
    public CircleciConfig {
        orbs = List.copyOf(orbs);
        units = List.copyOf(units);
    }

    /** The run steps of every unit, in file order. */
    public List<Run> runs() {
        List<Run> all = new ArrayList<>();
        units.forEach(unit -> all.addAll(unit.runs()));
        return all;
    }

    /**
     * An orb the configuration takes in.
     *
     * @param alias     the key under {@code orbs}
     * @param reference {@code namespace/name@version} as written; null for an orb written inline
     */
    public record Orb(String alias, Location location, Scalar reference) {
    }

    /** What a unit of the configuration is. */
    public enum Kind {
        EXECUTOR, COMMAND, JOB
    }

    /**
     * An executor, command or job as written.
     *
     * @param images      the {@code image} of each {@code docker} entry
     * @param environment {@code environment} of the unit and of its docker entries
     * @param runs        its {@code run} steps, those under {@code when} and {@code unless} among them
     */
    public record Unit(String name, Location location, Kind kind, List<Scalar> images, List<KeyValue> environment,
                       List<Run> runs) {
        public Unit {
            images = List.copyOf(images);
            environment = List.copyOf(environment);
            runs = List.copyOf(runs);
        }

        /** A name for messages: "job 'build'", "command 'setup'", "executor 'linux'". */
        public String label() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'";
        }

        /** A run step of this unit for messages: "the run step 'Install' of job 'build'". */
        public String describe(Run run) {
            return "the run step " + (run.name() != null ? "'" + run.name().strip() + "' " : "") + "of " + label();
        }
    }

    /**
     * A {@code run} step.
     *
     * @param unit        the name of its job or command
     * @param command     the command, or {@code command} of the mapping form
     * @param name        {@code name}; null when absent
     * @param environment the step's own {@code environment}
     */
    public record Run(String unit, Scalar command, String name, List<KeyValue> environment) {
        public Run {
            environment = List.copyOf(environment);
        }
    }
}
