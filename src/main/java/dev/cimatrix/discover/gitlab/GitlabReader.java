package dev.cimatrix.discover.gitlab;

import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.ModelScalars;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.GitlabRuns;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a GitLab CI configuration into the model: the {@code spec:inputs} of a header document, the includes, the
 * global variables, and every job, hidden template and the default section as written. Top-level keys that are
 * keywords are not jobs; a top-level key whose value is not a mapping is skipped, as GitLab reads only mappings as jobs.
 * A malformed value is a warning at its position and the rest of the file is still read.
 */
public final class GitlabReader {
    /** Top-level keywords of a configuration, which are never job names. */
    /** The keys that say when a job runs. */
    private static final Set<String> RUN_KEYS = Set.of("rules", "only", "except");
    static final Set<String> GLOBAL_KEYWORDS = Set.of("default", "include", "stages", "variables", "workflow",
            "image", "services", "cache", "before_script", "after_script", "spec");
    /** Keywords the top level may hold as defaults of every job, from before the {@code default} section existed. */
    private static final Set<String> GLOBAL_DEFAULTS = Set.of("image", "services", "cache", "before_script",
            "after_script");
    private static final List<String> SCRIPT_SECTIONS = List.of("before_script", "script", "after_script");

    private GitlabReader() {
    }

    /** The configuration of a file, or empty (with a fatal problem) when it holds none. */
    public static Optional<GitlabPipeline> read(YamlDocumentSet file, List<ReadProblem> problems) {
        List<YamlDocument> documents = file.documents();
        YamlMapping header = null;
        YamlDocument body = documents.isEmpty() ? null : documents.get(0);
        if (documents.size() > 1 && isHeader(documents.get(0).root())) {
            header = (YamlMapping) documents.get(0).root();
            body = documents.get(1);
        }
        file.diagnostics().forEach(d -> problems.add(new ReadProblem(d.location(), d.message(), false)));
        List<GitlabPipeline.Input> inputs = header == null ? List.of() : inputs(header, problems);
        if (body == null || body.root() == null || header != null && body.root() instanceof YamlScalar s && s.isNull()) {
            if (header != null) {
                // A component's header with nothing under it yet: no jobs, but its inputs are still read.
                return Optional.of(new GitlabPipeline(file.path(), header.location(), inputs, List.of(), List.of(),
                        List.of(), null));
            }
            problems.add(new ReadProblem(Location.line(file.path(), 1, ""), "empty file: no GitLab CI configuration",
                    true));
            return Optional.empty();
        }
        if (!(body.root() instanceof YamlMapping map)) {
            problems.add(new ReadProblem(body.root().location(),
                    "not a GitLab CI configuration: the top level is not a mapping", true));
            return Optional.empty();
        }
        if (header == null) {
            // The header is a document of its own; a 'spec' among the jobs is a mistake GitLab refuses.
            map.entry("spec").ifPresent(e -> problems.add(new ReadProblem(e.key().location(),
                    "'spec' must be in a header document of its own, ended by '---'", false)));
        }
        Reader reader = new Reader(problems);
        List<GitlabPipeline.Include> includes = map.get("include").map(reader::includes).orElse(List.of());
        List<KeyValue> variables = reader.variables(map);
        List<GitlabJob> jobs = new ArrayList<>();
        if (GLOBAL_DEFAULTS.stream().anyMatch(map::containsKey)) {
            jobs.add(reader.job("default", map, GitlabJob.Kind.DEFAULT, GLOBAL_DEFAULTS));
        }
        for (YamlEntry e : map.entries()) {
            String name = e.key().text();
            if (name.equals("default")) {
                if (e.value() instanceof YamlMapping section) {
                    jobs.add(reader.job(name, section, GitlabJob.Kind.DEFAULT, null));
                } else if (!(e.value() instanceof YamlScalar s && s.isNull())) {
                    problems.add(new ReadProblem(e.value().location(), "'default' should be a mapping", false));
                }
            } else if (!GLOBAL_KEYWORDS.contains(name) && e.value() instanceof YamlMapping job) {
                jobs.add(reader.job(name, job, name.startsWith(".") ? GitlabJob.Kind.TEMPLATE : GitlabJob.Kind.JOB,
                        null));
            }
        }
        GitlabRuns workflow = map.getMapping("workflow").filter(w -> w.containsKey("rules"))
                .map(w -> reader.runs(w, Set.of("rules"))).orElse(null);
        return Optional.of(new GitlabPipeline(file.path(), map.location(), inputs, includes, variables, jobs, workflow));
    }

    /**
     * Whether a file named on the command line under another name reads as a GitLab CI configuration rather than a
     * workflow: a header document with {@code spec}, or a top level without the keys of GitHub Actions, Azure Pipelines
     * or Bitbucket Pipelines that has GitLab's own: {@code stages} as a list of names, {@code include}, or a job with
     * {@code script}, {@code extends}, {@code stage} or {@code trigger}.
     */
    public static boolean looksLikeGitlab(YamlDocumentSet file) {
        List<YamlDocument> documents = file.documents();
        if (documents.isEmpty()) {
            return false;
        }
        if (documents.size() > 1 && isHeader(documents.get(0).root())) {
            return true;
        }
        if (!(documents.get(0).root() instanceof YamlMapping map)
                || OTHER_PLATFORMS_KEYS.stream().anyMatch(map::containsKey)) {
            return false;
        }
        if (map.containsKey("include") || map.get("stages").filter(s -> s instanceof YamlSequence seq
                && !seq.isEmpty() && seq.items().stream().allMatch(YamlScalar.class::isInstance)).isPresent()) {
            return true;
        }
        return map.entries().stream().anyMatch(e -> !GLOBAL_KEYWORDS.contains(e.key().text())
                && e.value() instanceof YamlMapping job && JOB_KEYS.stream().anyMatch(job::containsKey));
    }

    /** Top-level keys of GitHub Actions, Azure Pipelines and Bitbucket Pipelines that GitLab has not. */
    private static final Set<String> OTHER_PLATFORMS_KEYS = Set.of("on", "jobs", "runs", "steps", "pool", "trigger",
            "pr", "resources", "parameters", "pipelines");
    /** Keys only a GitLab job has among the platforms' files. */
    private static final Set<String> JOB_KEYS = Set.of("script", "extends", "stage", "trigger");

    /** Whether a document is a header: a mapping whose only key is {@code spec}. */
    private static boolean isHeader(YamlNode root) {
        return root instanceof YamlMapping m && m.size() == 1 && m.containsKey("spec");
    }

    private static List<GitlabPipeline.Input> inputs(YamlMapping header, List<ReadProblem> problems) {
        Optional<YamlNode> node = header.getMapping("spec").flatMap(s -> s.get("inputs"));
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlMapping inputs)) {
            problems.add(new ReadProblem(node.get().location(), "'spec:inputs' should be a mapping", false));
            return List.of();
        }
        List<GitlabPipeline.Input> out = new ArrayList<>();
        for (YamlEntry e : inputs.entries()) {
            String type = "string";
            List<String> options = List.of();
            String regex = null;
            Scalar defaultValue = null;
            if (e.value() instanceof YamlMapping spec) {
                type = spec.getText("type").map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse("string");
                options = strings(spec.get("options").orElse(null));
                regex = spec.getText("regex").orElse(null);
                defaultValue = spec.get("default").map(ModelScalars::of).orElse(null);
            } else if (!(e.value() instanceof YamlScalar s && s.isNull())) {
                problems.add(new ReadProblem(e.value().location(), "input '" + e.key().text()
                        + "' should be a mapping of its settings", false));
            }
            out.add(new GitlabPipeline.Input(e.key().text(), e.key().location(), type, options, regex, defaultValue));
        }
        return out;
    }

    private static List<String> strings(YamlNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isNull()) {
                    out.add(s.text());
                }
            }
        }
        return out;
    }

    /** A {@code !reference [job, key]}: a copy of a value written elsewhere, which is read where it is written. */
    private static boolean isReference(YamlNode node) {
        return node instanceof YamlSequence seq && seq.tag().equals("!reference");
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

        List<GitlabPipeline.Include> includes(YamlNode node) {
            List<GitlabPipeline.Include> out = new ArrayList<>();
            if (node instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    include(item).ifPresent(out::add);
                }
            } else if (!(node instanceof YamlScalar s && s.isNull())) {
                include(node).ifPresent(out::add);
            }
            return out;
        }

        /** One include: a string (a local file, or a URL for a remote one) or a mapping naming its kind. */
        private Optional<GitlabPipeline.Include> include(YamlNode node) {
            if (node instanceof YamlScalar s && s.isString()) {
                String text = s.text().strip().toLowerCase(Locale.ROOT);
                GitlabPipeline.Include.Kind kind = text.startsWith("http://") || text.startsWith("https://")
                        ? GitlabPipeline.Include.Kind.REMOTE : GitlabPipeline.Include.Kind.LOCAL;
                return Optional.of(new GitlabPipeline.Include(kind, ModelScalars.of(s), null, false, s.location()));
            }
            if (node instanceof YamlScalar s && s.isNull()) {
                return Optional.empty();
            }
            if (!(node instanceof YamlMapping m)) {
                problem(node, "an include should be a file name or a mapping");
                return Optional.empty();
            }
            for (GitlabPipeline.Include.Kind kind : GitlabPipeline.Include.Kind.values()) {
                String key = kind == GitlabPipeline.Include.Kind.PROJECT ? "project" : kind.name().toLowerCase(Locale.ROOT);
                Optional<YamlNode> target = m.get(key);
                if (target.isEmpty()) {
                    continue;
                }
                Scalar ref = null;
                if (kind == GitlabPipeline.Include.Kind.PROJECT) {
                    ref = m.get("ref").map(ModelScalars::of).orElse(null);
                } else if (kind == GitlabPipeline.Include.Kind.COMPONENT && target.get() instanceof YamlScalar t) {
                    ref = componentVersion(t);
                }
                return Optional.of(new GitlabPipeline.Include(kind, ModelScalars.of(target.get()), ref,
                        m.containsKey("integrity"), m.location()));
            }
            problem(node, "an include should name one of local, project, remote, template, component or artifact");
            return Optional.empty();
        }

        /** The version of a component reference ({@code host/path/name@version}), placed at its own columns. */
        private static Scalar componentVersion(YamlScalar target) {
            String text = target.text();
            int at = text.lastIndexOf('@');
            if (at < 0 || at == text.length() - 1) {
                return null;
            }
            String version = text.substring(at + 1);
            return new Scalar(version, target.locate(at + 1, version.length()), List.of());
        }

        List<KeyValue> variables(YamlMapping owner) {
            Optional<YamlNode> node = owner.get("variables");
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
                return List.of();
            }
            if (!(node.get() instanceof YamlMapping m)) {
                if (!isReference(node.get())) {
                    problem(node.get(), "'variables' should be a mapping");
                }
                return List.of();
            }
            List<KeyValue> out = new ArrayList<>();
            for (YamlEntry e : m.entries()) {
                // A variable is its value, or a mapping with 'value' (and a description, options, expand).
                YamlNode value = e.value() instanceof YamlMapping spec ? spec.get("value").orElse(spec) : e.value();
                out.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(value)));
            }
            return out;
        }

        /**
         * One job, hidden template or default section; {@code only} limits the keys read (for the top level's own
         * defaults, where the other keys are jobs).
         */
        GitlabJob job(String name, YamlMapping job, GitlabJob.Kind kind, Set<String> only) {
            List<String> extended = new ArrayList<>();
            if (only == null) {
                job.get("extends").ifPresent(node -> {
                    if (node instanceof YamlScalar s && !s.isNull()) {
                        extended.add(s.text());
                    } else if (node instanceof YamlSequence seq) {
                        for (YamlNode item : seq.items()) {
                            if (item instanceof YamlScalar s && !s.isNull()) {
                                extended.add(s.text());
                            }
                        }
                    }
                });
            }
            Scalar image = job.get("image").map(this::image).orElse(null);
            List<Scalar> services = new ArrayList<>();
            job.get("services").ifPresent(node -> {
                if (node instanceof YamlSequence seq) {
                    for (YamlNode item : seq.items()) {
                        Scalar service = image(item);
                        if (service != null) {
                            services.add(service);
                        }
                    }
                } else if (!(node instanceof YamlScalar s && s.isNull()) && !isReference(node)) {
                    problem(node, "'services' should be a list of images");
                }
            });
            List<KeyValue> variables = only == null ? variables(job) : List.of();
            List<GitlabJob.ScriptLine> scripts = new ArrayList<>();
            for (String section : SCRIPT_SECTIONS) {
                if (only != null && !only.contains(section)) {
                    continue;
                }
                job.get(section).ifPresent(node -> scriptLines(section, node, scripts, 0));
            }
            List<GitlabPipeline.Include> children = only == null ? job.getMapping("trigger")
                    .flatMap(t -> t.get("include")).map(this::includes).orElse(List.of()) : List.of();
            List<KeyValue> idTokens = new ArrayList<>();
            List<KeyValue> secrets = new ArrayList<>();
            if (only == null) {
                named(job, "id_tokens", "aud", idTokens);
                named(job, "secrets", null, secrets);
            }
            return new GitlabJob(name, job.location(), kind, extended, image, services, variables, scripts,
                    only == null && job.containsKey("trigger"), children, idTokens, secrets,
                    only == null ? runs(job, RUN_KEYS) : null);
        }

        /**
         * The {@code rules}, or {@code only} and {@code except}, of a job or of {@code workflow} ({@code keys} says which
         * it may have); null when it has none of them.
         */
        GitlabRuns runs(YamlMapping owner, Set<String> keys) {
            Optional<YamlEntry> first = owner.entries().stream().filter(e -> keys.contains(e.key().text())).findFirst();
            if (first.isEmpty()) {
                return null;
            }
            boolean[] opaque = {false};
            List<GitlabRuns.Rule> rules = new ArrayList<>();
            owner.get("rules").ifPresent(node -> {
                if (!(node instanceof YamlSequence seq) || isReference(node)) {
                    opaque[0] = true;
                    if (!isReference(node) && !(node instanceof YamlScalar s && s.isNull())) {
                        problem(node, "'rules' should be a list of rules");
                    }
                    return;
                }
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlMapping rule) {
                        rules.add(rule(rule));
                    } else {
                        // A !reference to another job's rules, or a wrong shape: the list cannot be read in full.
                        opaque[0] = true;
                        if (!isReference(item)) {
                            problem(item, "a rule should be a mapping");
                        }
                    }
                }
            });
            List<Scalar> only = new ArrayList<>();
            List<Scalar> onlyVariables = new ArrayList<>();
            List<Scalar> except = new ArrayList<>();
            owner.get("only").ifPresent(node -> opaque[0] |= !refs(node, only, onlyVariables));
            owner.get("except").ifPresent(node -> opaque[0] |= !refs(node, except, new ArrayList<>()));
            return new GitlabRuns(first.get().key().location(), rules, only, onlyVariables, except, opaque[0]);
        }

        private GitlabRuns.Rule rule(YamlMapping rule) {
            Optional<YamlNode> condition = rule.get("if");
            boolean opaque = condition.isPresent() && !(condition.get() instanceof YamlScalar);
            Scalar expression = condition.filter(YamlScalar.class::isInstance).map(ModelScalars::of).orElse(null);
            String when = rule.getText("when").map(String::strip).orElse("on_success");
            return new GitlabRuns.Rule(expression, when, rule.containsKey("changes") || rule.containsKey("exists"),
                    opaque, rule.location());
        }

        /**
         * The refs of {@code only} or {@code except}, written as a list or as {@code refs} (with {@code variables}) of a
         * mapping; false when they cannot all be read, or a clause that depends on the commit ({@code changes},
         * {@code kubernetes}) is there.
         */
        private boolean refs(YamlNode node, List<Scalar> refs, List<Scalar> variables) {
            if (node instanceof YamlScalar s) {
                if (!s.isNull()) {
                    refs.add(ModelScalars.of(s));
                }
                return true;
            }
            if (node instanceof YamlSequence seq && !isReference(seq)) {
                return scalars(seq, refs);
            }
            if (node instanceof YamlMapping m) {
                boolean read = m.keys().stream().allMatch(k -> k.equals("refs") || k.equals("variables"));
                read &= m.get("refs").map(r -> r instanceof YamlSequence seq && scalars(seq, refs)).orElse(true);
                read &= m.get("variables").map(v -> v instanceof YamlSequence seq && scalars(seq, variables)).orElse(true);
                return read;
            }
            return false;
        }

        private static boolean scalars(YamlSequence seq, List<Scalar> out) {
            boolean all = true;
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isNull()) {
                    out.add(ModelScalars.of(s));
                } else {
                    all = false;
                }
            }
            return all;
        }

        /**
         * The entries of {@code id_tokens} or {@code secrets}: each name with the value under {@code field} ({@code aud})
         * or, without one, what the entry says of its source (a {@code vault} path, or the key of its provider).
         */
        private void named(YamlMapping job, String key, String field, List<KeyValue> out) {
            Optional<YamlNode> node = job.get(key);
            if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull() || isReference(node.get())) {
                return;
            }
            if (!(node.get() instanceof YamlMapping m)) {
                problem(node.get(), "'" + key + "' should be a mapping of variable names");
                return;
            }
            for (YamlEntry e : m.entries()) {
                YamlNode value = e.value();
                if (value instanceof YamlMapping spec) {
                    Optional<YamlNode> source = field != null ? spec.get(field)
                            : spec.get("vault").or(() -> spec.keys().stream().filter(k -> !k.equals("file")
                                    && !k.equals("token")).findFirst().map(k -> spec.entry(k).get().key()));
                    value = source.orElse(spec);
                }
                out.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(value)));
            }
        }

        /** An image: its name as a string, or the {@code name} of a mapping; null for an empty one or a reference. */
        private Scalar image(YamlNode node) {
            if (isReference(node)) {
                return null;
            }
            if (node instanceof YamlScalar s) {
                return s.isNull() ? null : ModelScalars.of(s);
            }
            if (node instanceof YamlMapping m) {
                Optional<YamlNode> name = m.get("name");
                if (name.isPresent() && name.get() instanceof YamlScalar s && !s.isNull()) {
                    return ModelScalars.of(s);
                }
                problem(node, "an image given as a mapping should have a 'name'");
                return null;
            }
            problem(node, "an image should be a name or a mapping with 'name'");
            return null;
        }

        /**
         * The commands of a script section: a string, or a list of strings and of lists (GitLab flattens nested lists,
         * nine deep, which {@code !reference} relies on). A {@code !reference} is skipped: its lines are read where they
         * are written.
         */
        private void scriptLines(String section, YamlNode node, List<GitlabJob.ScriptLine> out, int depth) {
            if (node instanceof YamlScalar s) {
                if (!s.isNull()) {
                    out.add(new GitlabJob.ScriptLine(section, ModelScalars.of(s)));
                }
            } else if (node instanceof YamlSequence seq) {
                if (isReference(seq)) {
                    return;
                }
                if (depth > 9) {
                    problem(node, "'" + section + "' nests lists more than ten deep, which GitLab refuses");
                    return;
                }
                for (YamlNode item : seq.items()) {
                    scriptLines(section, item, out, depth + 1);
                }
            } else {
                problem(node, "'" + section + "' should be a command or a list of commands");
            }
        }
    }
}
