package dev.cimatrix.discover.circleci;

import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.ModelScalars;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CircleCI configuration into the model: its orbs, and each executor, command and job with the images of its
 * {@code docker} entries, its environment and its {@code run} steps (under {@code when} and {@code unless} too), as
 * written. The executors, commands and jobs of an orb written inline are read as the file's own. A malformed value is
 * a warning at its position and the rest of the file is still read.
 */
public final class CircleciReader {
    /** Deeper than this, nested {@code when} and {@code unless} steps are not read. */
    private static final int MAX_DEPTH = 16;

    private CircleciReader() {
    }

    /** The configuration of a file, or empty (with a fatal problem) when it holds none. */
    public static Optional<CircleciConfig> read(YamlDocumentSet file, List<ReadProblem> problems) {
        file.diagnostics().forEach(d -> problems.add(new ReadProblem(d.location(), d.message(), false)));
        List<YamlDocument> documents = file.documents();
        YamlNode root = documents.isEmpty() ? null : documents.get(0).root();
        if (root == null || root instanceof YamlScalar s && s.isNull()) {
            problems.add(new ReadProblem(Location.line(file.path(), 1, ""), "empty file: no CircleCI configuration",
                    true));
            return Optional.empty();
        }
        if (!(root instanceof YamlMapping map)) {
            problems.add(new ReadProblem(root.location(), "not a CircleCI configuration: the top level is not a mapping",
                    true));
            return Optional.empty();
        }
        Reader reader = new Reader(problems);
        List<CircleciConfig.Orb> orbs = new ArrayList<>();
        List<CircleciConfig.Unit> units = new ArrayList<>();
        map.get("orbs").ifPresent(node -> reader.orbs(node, orbs, units));
        reader.units(map, "", units);
        List<CircleciConfig.Parameter> parameters = reader.parameters(map.get("parameters").orElse(null));
        map.get("workflows").ifPresent(reader::workflows);
        return Optional.of(new CircleciConfig(file.path(), map.location(), orbs, parameters,
                reader.withWorkflowSteps(units), reader.invocations));
    }

    /**
     * Whether a file named on the command line under another name reads as a CircleCI configuration: a top-level
     * {@code version} with {@code jobs}, {@code workflows} or {@code orbs}, and no {@code on} of GitHub Actions.
     */
    public static boolean looksLikeCircleci(YamlDocumentSet file) {
        List<YamlDocument> documents = file.documents();
        return !documents.isEmpty() && documents.get(0).root() instanceof YamlMapping map && !map.containsKey("on")
                && map.getScalar("version").isPresent()
                && (map.containsKey("workflows") || map.containsKey("orbs") || map.getMapping("jobs").isPresent());
    }

    /** Reads the parts of one file, reporting its malformed values. */
    private static final class Reader {
        /** Keys of a workflow's job entry that configure the call rather than pass a parameter. */
        private static final Set<String> JOB_ENTRY_KEYS = Set.of("requires", "context", "filters", "type", "name",
                "matrix", "pre-steps", "post-steps", "serial-group", "override-with");
        /** Steps CircleCI defines; any other step names a command. */
        private static final Set<String> BUILT_IN_STEPS = Set.of("run", "checkout", "setup_remote_docker", "save_cache",
                "restore_cache", "store_artifacts", "store_test_results", "persist_to_workspace", "attach_workspace",
                "add_ssh_keys", "when", "unless", "deploy");
        private final List<ReadProblem> problems;
        private final List<CircleciConfig.Invocation> invocations = new ArrayList<>();
        /** The run steps a workflow adds to each job it calls, in {@code pre-steps} and {@code post-steps}. */
        private final Map<String, List<CircleciConfig.Run>> workflowSteps = new LinkedHashMap<>();

        Reader(List<ReadProblem> problems) {
            this.problems = problems;
        }

        private void problem(YamlNode node, String message) {
            problems.add(new ReadProblem(node.location(), message, false));
        }

        void orbs(YamlNode node, List<CircleciConfig.Orb> orbs, List<CircleciConfig.Unit> units) {
            if (!(node instanceof YamlMapping map)) {
                if (!(node instanceof YamlScalar s && s.isNull())) {
                    problem(node, "'orbs' should be a mapping of names to orbs");
                }
                return;
            }
            for (YamlEntry e : map.entries()) {
                if (e.value() instanceof YamlScalar s && !s.isNull()) {
                    orbs.add(new CircleciConfig.Orb(e.key().text(), e.key().location(), ModelScalars.of(s)));
                } else if (e.value() instanceof YamlMapping inline) {
                    // An orb written inline: its parts are the file's own, named as CircleCI names them.
                    orbs.add(new CircleciConfig.Orb(e.key().text(), e.key().location(), null));
                    units(inline, e.key().text() + "/", units);
                } else {
                    problem(e.value(), "an orb should be a reference (namespace/name@version) or written inline");
                }
            }
        }

        /** The executors, commands and jobs of a configuration or an inline orb, their names prefixed. */
        void units(YamlMapping map, String prefix, List<CircleciConfig.Unit> out) {
            section(map, "executors", CircleciConfig.Kind.EXECUTOR, prefix, out);
            section(map, "commands", CircleciConfig.Kind.COMMAND, prefix, out);
            section(map, "jobs", CircleciConfig.Kind.JOB, prefix, out);
        }

        private void section(YamlMapping map, String key, CircleciConfig.Kind kind, String prefix,
                             List<CircleciConfig.Unit> out) {
            Optional<YamlNode> node = map.get(key);
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
                return;
            }
            if (!(node.get() instanceof YamlMapping section)) {
                problem(node.get(), "'" + key + "' should be a mapping of names to definitions");
                return;
            }
            for (YamlEntry e : section.entries()) {
                if (e.value() instanceof YamlMapping definition) {
                    out.add(unit(prefix + e.key().text(), definition, kind));
                } else {
                    problem(e.value(), "'" + e.key().text() + "' under '" + key + "' should be a mapping");
                }
            }
        }

        /** The units, each job with the run steps the workflows add to it ({@code pre-steps}, {@code post-steps}). */
        List<CircleciConfig.Unit> withWorkflowSteps(List<CircleciConfig.Unit> units) {
            if (workflowSteps.isEmpty()) {
                return units;
            }
            List<CircleciConfig.Unit> out = new ArrayList<>(units.size());
            for (CircleciConfig.Unit unit : units) {
                List<CircleciConfig.Run> added = unit.kind() == CircleciConfig.Kind.JOB
                        ? workflowSteps.remove(unit.name()) : null;
                if (added == null || added.isEmpty()) {
                    out.add(unit);
                } else {
                    List<CircleciConfig.Run> runs = new ArrayList<>(unit.runs());
                    runs.addAll(added);
                    out.add(new CircleciConfig.Unit(unit.name(), unit.location(), unit.kind(), unit.parameters(),
                            unit.images(), unit.environment(), runs));
                }
            }
            // A job of an orb, not written here: its workflow steps are read as a job of their own, so none is lost.
            workflowSteps.forEach((job, runs) -> {
                if (!runs.isEmpty()) {
                    out.add(new CircleciConfig.Unit(job, runs.get(0).command().location(), CircleciConfig.Kind.JOB,
                            List.of(), List.of(), List.of(), runs));
                }
            });
            return out;
        }

        /** The declared parameters of the pipeline or of a unit: a mapping of names to their type and default. */
        List<CircleciConfig.Parameter> parameters(YamlNode node) {
            List<CircleciConfig.Parameter> out = new ArrayList<>();
            if (node == null || node instanceof YamlScalar s && s.isNull()) {
                return out;
            }
            if (!(node instanceof YamlMapping map)) {
                problem(node, "'parameters' should be a mapping of names to declarations");
                return out;
            }
            for (YamlEntry e : map.entries()) {
                String type = "string";
                Scalar defaultValue = null;
                if (e.value() instanceof YamlMapping declaration) {
                    type = declaration.getText("type").map(String::strip).orElse("string");
                    defaultValue = declaration.get("default").map(ModelScalars::of).orElse(null);
                } else if (!(e.value() instanceof YamlScalar s && s.isNull())) {
                    problem(e.value(), "parameter '" + e.key().text() + "' should be declared as a mapping with 'type'");
                }
                out.add(new CircleciConfig.Parameter(e.key().text(), e.key().location(), type, defaultValue));
            }
            return out;
        }

        /** The calls of jobs from every workflow's {@code jobs}, with the parameter values each passes. */
        void workflows(YamlNode node) {
            if (!(node instanceof YamlMapping map)) {
                return;
            }
            for (YamlEntry workflow : map.entries()) {
                // Configurations of version 2.0 keep the workflows' own version here.
                if (!(workflow.value() instanceof YamlMapping definition)) {
                    continue;
                }
                String where = "workflow '" + workflow.key().text() + "'";
                Optional<YamlNode> jobs = definition.get("jobs");
                if (jobs.isEmpty() || !(jobs.get() instanceof YamlSequence list)) {
                    continue;
                }
                for (YamlNode item : list.items()) {
                    call(null, where, item, JOB_ENTRY_KEYS);
                }
            }
        }

        /**
         * A call of a job or command, {@code - name} or {@code - name: {parameter: value}}; the keys of {@code ignored}
         * configure the call. A matrix's values are each an argument of their parameter.
         */
        private void call(String caller, String where, YamlNode item, Set<String> ignored) {
            if (item instanceof YamlScalar s && !s.isNull()) {
                invocations.add(new CircleciConfig.Invocation(caller, where, s.text(), s.location(), List.of(),
                        List.of()));
                return;
            }
            if (!(item instanceof YamlMapping entry) || entry.size() != 1) {
                return;
            }
            YamlEntry only = entry.entries().get(0);
            if (caller == null && only.value() instanceof YamlMapping configured) {
                // The steps a workflow runs before and after the job's own run in the job, with its environment.
                String job = only.key().text();
                for (String key : List.of("pre-steps", "post-steps")) {
                    configured.get(key).ifPresent(steps -> steps(job, "job '" + job + "'", steps,
                            workflowSteps.computeIfAbsent(job, k -> new ArrayList<>()), 0));
                }
            }
            List<KeyValue> arguments = new ArrayList<>();
            List<Scalar> contexts = new ArrayList<>();
            if (only.value() instanceof YamlMapping passed) {
                passed.get("context").ifPresent(context -> {
                    if (context instanceof YamlSequence names) {
                        names.items().forEach(n -> contexts.add(ModelScalars.of(n)));
                    } else if (!(context instanceof YamlScalar c && c.isNull())) {
                        contexts.add(ModelScalars.of(context));
                    }
                });
                for (YamlEntry argument : passed.entries()) {
                    if (!ignored.contains(argument.key().text())) {
                        arguments.add(new KeyValue(argument.key().text(), argument.key().location(),
                                ModelScalars.of(argument.value())));
                    }
                }
                passed.getMapping("matrix").flatMap(m -> m.getMapping("parameters")).ifPresent(matrix -> {
                    for (YamlEntry parameter : matrix.entries()) {
                        if (parameter.value() instanceof YamlSequence values) {
                            values.items().forEach(v -> arguments.add(new KeyValue(parameter.key().text(),
                                    parameter.key().location(), ModelScalars.of(v))));
                        }
                    }
                });
            }
            invocations.add(new CircleciConfig.Invocation(caller, where, only.key().text(), only.key().location(),
                    arguments, contexts));
        }

        private CircleciConfig.Unit unit(String name, YamlMapping definition, CircleciConfig.Kind kind) {
            List<CircleciConfig.Parameter> parameters = parameters(definition.get("parameters").orElse(null));
            List<Scalar> images = new ArrayList<>();
            List<KeyValue> environment = new ArrayList<>();
            environment(definition.get("environment").orElse(null), environment);
            definition.get("docker").ifPresent(docker -> {
                if (docker instanceof YamlSequence seq) {
                    for (YamlNode item : seq.items()) {
                        if (item instanceof YamlMapping entry) {
                            entry.get("image").filter(i -> i instanceof YamlScalar s && !s.isNull())
                                    .ifPresent(i -> images.add(ModelScalars.of(i)));
                            environment(entry.get("environment").orElse(null), environment);
                        } else {
                            problem(item, "an entry of 'docker' should be a mapping with 'image'");
                        }
                    }
                } else {
                    problem(docker, "'docker' should be a list of images");
                }
            });
            List<CircleciConfig.Run> runs = new ArrayList<>();
            definition.get("steps").ifPresent(steps -> steps(name, kind.label(name), steps, runs, 0));
            return new CircleciConfig.Unit(name, definition.location(), kind, parameters, images, environment, runs);
        }

        private void environment(YamlNode node, List<KeyValue> out) {
            if (node instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    out.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(e.value())));
                }
            } else if (node instanceof YamlSequence seq) {
                // The older form: a list of one-entry mappings.
                seq.items().forEach(item -> environment(item, out));
            } else if (node != null && !(node instanceof YamlScalar s && s.isNull())) {
                problem(node, "'environment' should be a mapping of names to values");
            }
        }

        /** The run steps and command calls of a list of steps, through {@code when} and {@code unless}. */
        private void steps(String unit, String where, YamlNode node, List<CircleciConfig.Run> out, int depth) {
            if (node instanceof YamlScalar s && (s.isNull() || s.text().contains("<<"))) {
                // Empty, or steps passed as a parameter: "steps: << parameters.steps >>".
                return;
            }
            if (!(node instanceof YamlSequence seq)) {
                problem(node, "'steps' should be a list");
                return;
            }
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !BUILT_IN_STEPS.contains(s.text())) {
                    call(unit, where, item, Set.of());
                }
                if (!(item instanceof YamlMapping step)) {
                    continue;
                }
                step.get("run").ifPresent(run -> run(unit, run, out));
                if (step.size() == 1 && !BUILT_IN_STEPS.contains(step.entries().get(0).key().text())) {
                    call(unit, where, step, Set.of());
                }
                for (String conditional : List.of("when", "unless")) {
                    step.getMapping(conditional).flatMap(c -> c.get("steps")).ifPresent(inner -> {
                        if (depth < MAX_DEPTH) {
                            steps(unit, where, inner, out, depth + 1);
                        }
                    });
                }
            }
        }

        private void run(String unit, YamlNode node, List<CircleciConfig.Run> out) {
            if (node instanceof YamlScalar s && !s.isNull()) {
                out.add(new CircleciConfig.Run(unit, ModelScalars.of(s), null, List.of()));
            } else if (node instanceof YamlMapping m) {
                Optional<YamlNode> command = m.get("command");
                if (command.isEmpty() || !(command.get() instanceof YamlScalar s) || s.isNull()) {
                    problem(m, "a run step should have a 'command'");
                    return;
                }
                List<KeyValue> environment = new ArrayList<>();
                environment(m.get("environment").orElse(null), environment);
                out.add(new CircleciConfig.Run(unit, ModelScalars.of(command.get()), m.getText("name").orElse(null),
                        environment));
            } else {
                problem(node, "a run step should be a command or a mapping with 'command'");
            }
        }
    }
}
