package dev.cimatrix.discover.github;

import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Container;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.RunnerSnapshot;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.Job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads GitHub Actions workflows and action metadata files from positioned YAML into the model. The
 * reader is lenient where GitHub is: a malformed part is reported as a problem with its position and
 * the rest of the file is still read.
 */
public final class GithubReader {
    /** The top-level keys GitHub accepts in a workflow; any other makes it reject the file. */
    private static final List<String> WORKFLOW_KEYS = List.of("name", "run-name", "on", "permissions", "env",
            "defaults", "concurrency", "jobs");

    private GithubReader() {
    }

    /** A workflow file; empty (with a fatal problem) when its top level is not a workflow at all. */
    public static Optional<Workflow> readWorkflow(YamlDocumentSet file, List<ReadProblem> problems) {
        Values values = new Values(file.text(), problems);
        Optional<YamlMapping> root = rootMapping(file, problems, "workflow");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        if (map.get("jobs").isEmpty()) {
            problems.add(new ReadProblem(map.location(), "not a workflow: no 'jobs'", true));
            return Optional.empty();
        }
        if (!valid(map, problems)) {
            return Optional.empty();
        }
        List<Trigger> triggers = map.get("on").map(on -> triggers(on, values)).orElseGet(() -> {
            values.problem(map.location(), "workflow has no 'on' trigger");
            return List.of();
        });
        String shell = map.getMapping("defaults").flatMap(d -> d.getMapping("run")).map(r -> Values.text(r, "shell"))
                .orElse(null);
        String workingDirectory = defaultWorkingDirectory(map);
        List<Job> jobs = new ArrayList<>();
        map.get("jobs").ifPresent(node -> {
            if (node instanceof YamlMapping jobMap) {
                for (YamlEntry e : jobMap.entries()) {
                    if (e.value() instanceof YamlMapping job) {
                        jobs.add(job(e.key().text(), job, values, workingDirectory));
                    } else {
                        values.problem(e.value().location(), "job '" + e.key().text() + "' should be a mapping");
                    }
                }
            } else {
                values.problem(node.location(), "'jobs' should be a mapping");
            }
        });
        return Optional.of(new Workflow(file.path(), Values.text(map, "name"), map.location(), triggers,
                permissions(map, values), values.entries(map, "env"), shell, jobs));
    }

    /** An action metadata file ({@code action.yml}). */
    public static Optional<ActionDefinition> readAction(YamlDocumentSet file, List<ReadProblem> problems) {
        Values values = new Values(file.text(), problems);
        Optional<YamlMapping> root = rootMapping(file, problems, "action");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        Optional<YamlMapping> runs = map.getMapping("runs");
        if (runs.isEmpty()) {
            problems.add(new ReadProblem(map.location(), "not an action: no 'runs' mapping", true));
            return Optional.empty();
        }
        List<ActionDefinition.Input> inputs = new ArrayList<>();
        map.getMapping("inputs").ifPresent(in -> {
            for (YamlEntry e : in.entries()) {
                Scalar defaultValue = null;
                boolean required = false;
                if (e.value() instanceof YamlMapping spec) {
                    defaultValue = values.scalar(spec, "default").orElse(null);
                    required = spec.getScalar("required").flatMap(YamlScalar::asBoolean).orElse(false);
                }
                inputs.add(new ActionDefinition.Input(e.key().text(), e.key().location(), defaultValue, required));
            }
        });
        List<KeyValue> outputs = new ArrayList<>();
        map.getMapping("outputs").ifPresent(out -> {
            for (YamlEntry e : out.entries()) {
                Scalar value = e.value() instanceof YamlMapping spec
                        ? values.scalar(spec, "value").orElse(Scalar.of("", e.value().location()))
                        : values.scalar(e.value());
                outputs.add(new KeyValue(e.key().text(), e.key().location(), value));
            }
        });
        YamlMapping r = runs.get();
        if (r.getScalar("using").isEmpty()) {
            problems.add(new ReadProblem(r.location(), "invalid action: 'runs' has no 'using' (composite, docker or a node version)", true));
            return Optional.empty();
        }
        List<Step> steps = steps(r, values);
        return Optional.of(new ActionDefinition(file.path(), Values.text(map, "name"), map.location(),
                Values.text(r, "using"), inputs, outputs, steps, values.scalar(r, "image").orElse(null),
                values.scalar(r, "main").orElse(null)));
    }

    /**
     * Rejects workflows GitHub itself would reject, with the first reason: an unknown top-level key, or a
     * job that neither runs on a runner nor calls a reusable workflow.
     */
    private static boolean valid(YamlMapping map, List<ReadProblem> problems) {
        for (var entry : map.entries()) {
            if (!WORKFLOW_KEYS.contains(entry.key().text())) {
                problems.add(new ReadProblem(entry.key().location(), "invalid workflow: unknown top-level key '"
                        + entry.key().text() + "' (a workflow has " + String.join(", ", WORKFLOW_KEYS) + ")", true));
                return false;
            }
        }
        if (map.get("jobs").get() instanceof YamlMapping jobs) {
            for (var job : jobs.entries()) {
                if (job.value() instanceof YamlMapping spec && !spec.containsKey("runs-on") && !spec.containsKey("uses")) {
                    problems.add(new ReadProblem(job.key().location(), "invalid workflow: job '" + job.key().text()
                            + "' has neither 'runs-on' nor 'uses'", true));
                    return false;
                }
            }
        }
        return true;
    }

    /** The first document's top-level mapping, with the YAML diagnostics of the file as warnings; empty (with a fatal problem) otherwise. */
    public static Optional<YamlMapping> rootMapping(YamlDocumentSet file, List<ReadProblem> problems, String what) {
        Optional<YamlNode> root = file.firstRoot();
        if (root.isEmpty()) {
            problems.add(new ReadProblem(Location.line(file.path(), 1, ""), "empty file: no " + what, true));
            return Optional.empty();
        }
        if (!(root.get() instanceof YamlMapping map)) {
            problems.add(new ReadProblem(root.get().location(), "not a " + what + ": the top level is not a mapping", true));
            return Optional.empty();
        }
        file.diagnostics().forEach(d -> problems.add(new ReadProblem(d.location(), d.message(), false)));
        return Optional.of(map);
    }

    private static List<Trigger> triggers(YamlNode on, Values values) {
        List<Trigger> out = new ArrayList<>();
        if (on instanceof YamlScalar s) {
            out.add(Trigger.simple(s.text(), s.location()));
        } else if (on instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s) {
                    out.add(Trigger.simple(s.text(), s.location()));
                }
            }
        } else if (on instanceof YamlMapping map) {
            for (YamlEntry e : map.entries()) {
                out.add(trigger(e, values));
            }
        }
        return out;
    }

    private static Trigger trigger(YamlEntry e, Values values) {
        String event = e.key().text();
        if (!(e.value() instanceof YamlMapping spec)) {
            return Trigger.simple(event, e.key().location());
        }
        List<String> branches = new ArrayList<>();
        spec.get("branches").ifPresent(b -> branches.addAll(Values.strings(b)));
        spec.get("branches-ignore").ifPresent(b -> Values.strings(b).forEach(x -> branches.add("!" + x)));
        List<String> paths = new ArrayList<>();
        spec.get("paths").ifPresent(p -> paths.addAll(Values.strings(p)));
        spec.get("paths-ignore").ifPresent(p -> Values.strings(p).forEach(x -> paths.add("!" + x)));
        List<KeyValue> inputs = new ArrayList<>();
        List<KeyValue> defaults = new ArrayList<>();
        spec.getMapping("inputs").ifPresent(in -> {
            for (YamlEntry input : in.entries()) {
                Scalar type = input.value() instanceof YamlMapping m
                        ? values.scalar(m, "type").orElse(Scalar.of("string", input.key().location()))
                        : Scalar.of("string", input.key().location());
                inputs.add(new KeyValue(input.key().text(), input.key().location(), type));
                if (input.value() instanceof YamlMapping m) {
                    values.scalar(m, "default").ifPresent(d -> defaults.add(new KeyValue(input.key().text(),
                            input.key().location(), d)));
                }
            }
        });
        List<String> secrets = spec.getMapping("secrets").map(s -> s.keys()).orElse(List.of());
        List<String> tags = new ArrayList<>();
        spec.get("tags").ifPresent(t -> tags.addAll(Values.strings(t)));
        spec.get("tags-ignore").ifPresent(t -> Values.strings(t).forEach(x -> tags.add("!" + x)));
        return new Trigger(event, e.key().location(), spec.get("types").map(Values::strings).orElse(List.of()),
                branches, paths, spec.get("workflows").map(Values::strings).orElse(List.of()), inputs, secrets, tags,
                defaults);
    }

    static Permissions permissions(YamlMapping owner, Values values) {
        Optional<YamlNode> node = owner.get("permissions");
        if (node.isEmpty()) {
            return Permissions.absent();
        }
        YamlNode value = node.get();
        if (value instanceof YamlScalar s) {
            String written = s.text().strip();
            String text = written.toLowerCase(Locale.ROOT);
            if (s.isNull() || text.isEmpty()) {
                values.problem(s.location(), "'permissions' has no value, which GitHub does not take; write {} for no "
                        + "permissions (read here as {})");
                return new Permissions(Permissions.Mode.EXPLICIT, Map.of(), s.location());
            }
            if (!written.equals(text) && (text.equals("write-all") || text.equals("read-all"))) {
                values.problem(s.location(), "permissions '" + written + "' should be written in lower case: " + text);
            }
            return switch (text) {
                case "write-all" -> new Permissions(Permissions.Mode.WRITE_ALL, Map.of(), s.location());
                case "read-all" -> new Permissions(Permissions.Mode.READ_ALL, Map.of(), s.location());
                case "{}" -> new Permissions(Permissions.Mode.EXPLICIT, Map.of(), s.location());
                default -> {
                    values.problem(s.location(), "unknown permissions value '" + written
                            + "': a whole block is read-all, write-all or {}, and single scopes are written as a mapping");
                    yield new Permissions(Permissions.Mode.EXPLICIT, Map.of(), s.location());
                }
            };
        }
        Map<String, Permissions.Level> scopes = new LinkedHashMap<>();
        Map<String, Location> scopeLocations = new LinkedHashMap<>();
        if (value instanceof YamlMapping map) {
            for (YamlEntry e : map.entries()) {
                String scope = e.key().text();
                scopeLocations.put(scope, e.key().location());
                Set<Permissions.Level> takes = Permissions.SCOPES.get(scope);
                if (takes == null) {
                    List<String> near = ClosestIds.to(scope, Permissions.SCOPES.keySet(), 1);
                    values.problem(e.key().location(), (near.isEmpty()
                            ? "permission scope '" + scope + "' is none of those this version knows ("
                                    + String.join(", ", Permissions.SCOPES.keySet()) + ")"
                            : "unknown permission scope '" + scope + "' (did you mean " + near.get(0) + "?)")
                            + "; GitHub refuses a workflow that names a scope it does not have");
                }
                Permissions.Level level = permissionLevel(scope, e.value(), takes, values);
                if (level != null) {
                    scopes.put(scope, level);
                }
            }
        } else {
            values.problem(value.location(), "'permissions' should be read-all, write-all or a mapping of scopes");
        }
        return new Permissions(Permissions.Mode.EXPLICIT, scopes, value.location(), scopeLocations);
    }

    /**
     * The level a scope is given, as the scan reads it, or null when it is none of read, write and none. A level in
     * capitals or one the scope does not take is still read as written, with a problem: GitHub refuses it.
     */
    private static Permissions.Level permissionLevel(String scope, YamlNode value, Set<Permissions.Level> takes,
                                                     Values values) {
        String written = value instanceof YamlScalar s ? s.text().strip() : "";
        Permissions.Level level = switch (written.toLowerCase(Locale.ROOT)) {
            case "write" -> Permissions.Level.WRITE;
            case "read" -> Permissions.Level.READ;
            case "none" -> Permissions.Level.NONE;
            default -> null;
        };
        if (level == null) {
            values.problem(value.location(), "permission level '" + written + "' should be " + levelsTaken(takes));
        } else if (!written.equals(written.toLowerCase(Locale.ROOT))) {
            values.problem(value.location(), "permission level '" + written + "' should be written in lower case: "
                    + written.toLowerCase(Locale.ROOT));
        } else if (takes != null && !takes.contains(level)) {
            values.problem(value.location(), "scope " + scope + " takes " + levelsTaken(takes) + ", not " + written
                    + ", and GitHub refuses the workflow");
        }
        return level;
    }

    /** The levels a scope takes, for a message: "read, write or none" (every level when the scope is unknown). */
    private static String levelsTaken(Set<Permissions.Level> takes) {
        List<String> levels = new ArrayList<>();
        for (Permissions.Level each : List.of(Permissions.Level.READ, Permissions.Level.WRITE, Permissions.Level.NONE)) {
            if (takes == null || takes.contains(each)) {
                levels.add(each.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", levels.subList(0, levels.size() - 1)) + " or " + levels.get(levels.size() - 1);
    }

    /** {@code defaults.run.working-directory} of a workflow or job, or null. */
    private static String defaultWorkingDirectory(YamlMapping map) {
        return map.getMapping("defaults").flatMap(d -> d.getMapping("run")).map(r -> Values.text(r, "working-directory"))
                .orElse(null);
    }

    private static Job job(String id, YamlMapping map, Values values, String workflowWorkingDirectory) {
        String own = defaultWorkingDirectory(map);
        List<Scalar> runsOn = new ArrayList<>();
        Scalar[] runnerGroup = {null};
        map.get("runs-on").ifPresent(node -> {
            if (node instanceof YamlMapping group) {
                group.get("group").ifPresent(g -> {
                    runnerGroup[0] = values.scalar(g);
                    runsOn.add(runnerGroup[0]);
                });
                group.get("labels").ifPresent(l -> runsOn.addAll(values.scalars(l)));
            } else {
                runsOn.addAll(values.scalars(node));
            }
        });
        Scalar environment = map.get("environment").map(env -> env instanceof YamlMapping m
                ? values.scalar(m, "name").orElse(null)
                : values.scalar(env)).orElse(null);
        Container container = map.get("container").map(c -> container("", c, values)).orElse(null);
        List<Container> services = new ArrayList<>();
        map.getMapping("services").ifPresent(s -> {
            for (YamlEntry e : s.entries()) {
                services.add(container(e.key().text(), e.value(), values));
            }
        });
        ActionRef uses = map.getScalar("uses").map(u -> actionRef(u, values)).orElse(null);
        boolean inherit = map.getScalar("secrets").map(s -> s.text().strip().equals("inherit")).orElse(false);
        List<KeyValue> matrix = map.getMapping("strategy").map(strategy -> values.entries(strategy, "matrix"))
                .orElse(List.of());
        return new Job(id, Values.text(map, "name"), map.location(), runsOn, runnerGroup[0], environment,
                values.condition(map), map.get("needs").map(Values::strings).orElse(List.of()),
                permissions(map, values), values.entries(map, "env"), steps(map, values), container, services, uses,
                values.entries(map, "with"), inherit, inherit ? List.of() : values.entries(map, "secrets"),
                values.entries(map, "outputs"), matrix, matrixValues(map, values),
                own != null ? own : workflowWorkingDirectory,
                map.getMapping("defaults").flatMap(d -> d.getMapping("run")).map(r -> Values.text(r, "shell")).orElse(null),
                snapshot(map, values));
    }

    /** {@code snapshot: NAME} or {@code snapshot: {image-name, version, if}}; null without one. */
    private static RunnerSnapshot snapshot(YamlMapping job, Values values) {
        Optional<YamlEntry> entry = job.entry("snapshot");
        if (entry.isEmpty()) {
            return null;
        }
        YamlNode node = entry.get().value();
        Location key = entry.get().key().location();
        if (node instanceof YamlScalar name) {
            return new RunnerSnapshot(values.scalar(name), key, null);
        }
        if (node instanceof YamlMapping m) {
            return new RunnerSnapshot(values.scalar(m, "image-name").orElse(null), key, values.condition(m));
        }
        values.problem(node.location(), "'snapshot' should be an image name or a mapping with image-name");
        return null;
    }

    /** The scalar values of each matrix axis, from its list and from {@code include} entries. */
    private static List<KeyValue> matrixValues(YamlMapping job, Values values) {
        List<KeyValue> out = new ArrayList<>();
        Optional<YamlMapping> matrix = job.getMapping("strategy").flatMap(s -> s.getMapping("matrix"));
        if (matrix.isEmpty()) {
            return out;
        }
        for (YamlEntry axis : matrix.get().entries()) {
            String name = axis.key().text();
            if (name.equals("exclude")) {
                continue;
            }
            if (!(axis.value() instanceof YamlSequence items)) {
                continue;
            }
            for (YamlNode item : items.items()) {
                if (name.equals("include") && item instanceof YamlMapping combination) {
                    for (YamlEntry e : combination.entries()) {
                        if (e.value() instanceof YamlScalar) {
                            out.add(new KeyValue(e.key().text(), e.key().location(), values.scalar(e.value())));
                        }
                    }
                } else if (item instanceof YamlScalar) {
                    out.add(new KeyValue(name, axis.key().location(), values.scalar(item)));
                }
            }
        }
        return out;
    }

    private static Container container(String name, YamlNode node, Values values) {
        if (node instanceof YamlMapping m) {
            List<KeyValue> credentials = m.getMapping("credentials").isPresent() ? values.entries(m, "credentials") : List.of();
            Scalar image = values.scalar(m, "image").orElse(Scalar.of("", m.location()));
            return new Container(name, image, credentials, values.entries(m, "env"),
                    values.scalar(m, "options").orElse(null), m.location());
        }
        return new Container(name, values.scalar(node), List.of(), List.of(), null, node.location());
    }

    private static List<Step> steps(YamlMapping owner, Values values) {
        List<Step> steps = new ArrayList<>();
        Optional<YamlNode> node = owner.get("steps");
        if (node.isEmpty()) {
            return steps;
        }
        if (!(node.get() instanceof YamlSequence seq)) {
            values.problem(node.get().location(), "'steps' should be a list");
            return steps;
        }
        addSteps(seq, steps, values);
        return steps;
    }

    /**
     * Reads a list of steps in the order they are written. The steps of a {@code parallel:} group run side by side;
     * they are read in their place, one after another, so that every check sees them and whatever a later step reads
     * of them. (Control steps, {@code wait:}, {@code wait-all:} and {@code cancel:}, run nothing and are read as steps
     * that do nothing.)
     */
    private static void addSteps(YamlSequence seq, List<Step> steps, Values values) {
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlMapping step)) {
                values.problem(item.location(), "a step should be a mapping");
                continue;
            }
            Optional<YamlNode> parallel = step.get("parallel");
            if (parallel.isPresent()) {
                if (parallel.get() instanceof YamlSequence group) {
                    addSteps(group, steps, values);
                } else {
                    values.problem(parallel.get().location(), "'parallel' should be a list of steps");
                }
                continue;
            }
            ActionRef uses = step.getScalar("uses").map(u -> actionRef(u, values)).orElse(null);
            steps.add(new Step(steps.size(), Values.text(step, "id"), Values.text(step, "name"), step.location(), uses,
                    values.scalar(step, "run").orElse(null), Values.text(step, "shell"), values.entries(step, "with"),
                    values.entries(step, "env"), values.condition(step),
                    values.scalar(step, "working-directory").orElse(null)));
        }
    }

    /** A {@code uses:} reference with the comment after it (the version a SHA pin stands for). */
    private static ActionRef actionRef(YamlScalar uses, Values values) {
        return ActionRef.parse(uses.text(), uses.location(), values.commentAfter(uses.location()));
    }
}
