package dev.cimatrix.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A CircleCI configuration ({@code .circleci/config.yml}, or a configuration a setup workflow continues with). Jobs,
 * commands and executors are kept as written, each with the images and commands written in it, so that a finding
 * points at the text that carries the weakness. Its location is the whole document.
 *
 * @param orbs        the entries of {@code orbs}: references to published orbs, and inline orbs' names
 * @param parameters  the pipeline parameters declared under the top-level {@code parameters}
 * @param units       the {@code executors}, {@code commands} and {@code jobs}, in file order
 * @param invocations where the workflows call jobs and the units call commands, with the arguments they pass
 */
public record CircleciConfig(String path, Location location, List<Orb> orbs, List<Parameter> parameters,
                             List<Unit> units, List<Invocation> invocations) {
    public CircleciConfig {
        orbs = List.copyOf(orbs);
        parameters = List.copyOf(parameters);
        units = List.copyOf(units);
        invocations = List.copyOf(invocations);
    }

    /** The pipeline parameter of this name, if the file declares it. */
    public java.util.Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
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
        EXECUTOR, COMMAND, JOB;

        /** A unit of this kind for messages: "job 'build'". */
        public String label(String name) {
            return name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'";
        }
    }

    /**
     * A declared parameter of the pipeline or of a unit.
     *
     * @param type         {@code string}, {@code boolean}, {@code integer}, {@code enum}, {@code executor},
     *                     {@code steps} or {@code env_var_name}; {@code string} when not written
     * @param defaultValue {@code default} as written; null when absent
     */
    public record Parameter(String name, Location location, String type, Scalar defaultValue) {
        /** Whether a value can be any text: a {@code string}, the only type CircleCI does not hold to a shape. */
        public boolean anyText() {
            return type.equals("string");
        }
    }

    /**
     * An executor, command or job as written.
     *
     * @param parameters  its declared {@code parameters}
     * @param images      the {@code image} of each {@code docker} entry
     * @param environment {@code environment} of the unit and of its docker entries
     * @param runs        its {@code run} steps, those under {@code when} and {@code unless} among them
     */
    public record Unit(String name, Location location, Kind kind, List<Parameter> parameters, List<Scalar> images,
                       List<KeyValue> environment, List<Run> runs) {
        public Unit {
            parameters = List.copyOf(parameters);
            images = List.copyOf(images);
            environment = List.copyOf(environment);
            runs = List.copyOf(runs);
        }

        /** The parameter of this name, if the unit declares it. */
        public java.util.Optional<Parameter> parameter(String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        /** A name for messages: "job 'build'", "command 'setup'", "executor 'linux'". */
        public String label() {
            return kind.label(name);
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

    /**
     * A call of a job from a workflow, or of a command from a unit's steps, with the parameter values it passes.
     *
     * @param caller    the calling unit's name; null for a workflow
     * @param where     the caller for messages: "workflow 'main'", "job 'build'"
     * @param target    the job or command called, as written ({@code build}, {@code node/install})
     * @param arguments the parameter values passed, a matrix's values each as one
     * @param contexts  the contexts a workflow gives the job ({@code context}), whose variables it reads
     */
    public record Invocation(String caller, String where, String target, Location location, List<KeyValue> arguments,
                             List<Scalar> contexts) {
        public Invocation {
            arguments = List.copyOf(arguments);
            contexts = List.copyOf(contexts);
        }
    }
}
