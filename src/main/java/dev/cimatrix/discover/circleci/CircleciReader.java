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
import java.util.List;
import java.util.Optional;

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
        return Optional.of(new CircleciConfig(file.path(), map.location(), orbs, units));
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
        private final List<ReadProblem> problems;

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

        private CircleciConfig.Unit unit(String name, YamlMapping definition, CircleciConfig.Kind kind) {
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
            definition.get("steps").ifPresent(steps -> steps(name, steps, runs, 0));
            return new CircleciConfig.Unit(name, definition.location(), kind, images, environment, runs);
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

        /** The run steps of a list of steps, through {@code when} and {@code unless}. */
        private void steps(String unit, YamlNode node, List<CircleciConfig.Run> out, int depth) {
            if (node instanceof YamlScalar s && (s.isNull() || s.text().contains("<<"))) {
                // Empty, or steps passed as a parameter: "steps: << parameters.steps >>".
                return;
            }
            if (!(node instanceof YamlSequence seq)) {
                problem(node, "'steps' should be a list");
                return;
            }
            for (YamlNode item : seq.items()) {
                if (!(item instanceof YamlMapping step)) {
                    continue;
                }
                step.get("run").ifPresent(run -> run(unit, run, out));
                for (String conditional : List.of("when", "unless")) {
                    step.getMapping(conditional).flatMap(c -> c.get("steps")).ifPresent(inner -> {
                        if (depth < MAX_DEPTH) {
                            steps(unit, inner, out, depth + 1);
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
