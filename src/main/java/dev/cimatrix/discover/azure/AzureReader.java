package dev.cimatrix.discover.azure;

import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.ModelScalars;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an Azure Pipelines file into the model: its pull-request trigger, parameters, resources, variables, the
 * templates it names, and every job and step of every stage as written. Template expressions that insert keys or list
 * items ({@code ${{ if … }}:}, {@code ${{ each … }}:}) are read through, as any branch may be the one that runs, and
 * the stages, jobs and steps passed to a template as parameters are read as the file's own. A malformed value is a
 * warning at its position and the rest of the file is still read.
 */
public final class AzureReader {
    /** Top-level keys only a pipeline has, never a template. */
    private static final Set<String> PIPELINE_KEYS = Set.of("trigger", "pr", "schedules", "resources", "pool", "name",
            "lockBehavior", "appendCommitMessageToRunName");
    /** The keywords a step starts with. */
    private static final Map<String, AzureStep.Kind> STEP_KEYWORDS = Map.ofEntries(
            Map.entry("script", AzureStep.Kind.SCRIPT), Map.entry("bash", AzureStep.Kind.BASH),
            Map.entry("pwsh", AzureStep.Kind.PWSH), Map.entry("powershell", AzureStep.Kind.POWERSHELL),
            Map.entry("task", AzureStep.Kind.TASK), Map.entry("checkout", AzureStep.Kind.CHECKOUT),
            Map.entry("download", AzureStep.Kind.OTHER), Map.entry("downloadBuild", AzureStep.Kind.OTHER),
            Map.entry("publish", AzureStep.Kind.OTHER), Map.entry("getPackage", AzureStep.Kind.OTHER),
            Map.entry("reviewApp", AzureStep.Kind.OTHER), Map.entry("restoreCache", AzureStep.Kind.OTHER),
            Map.entry("saveCache", AzureStep.Kind.OTHER));
    /** Deeper than this, nested lists, template expressions and parameter blocks are not read. */
    private static final int MAX_DEPTH = 32;

    private AzureReader() {
    }

    /** The definition of a file, or empty (with a fatal problem) when it holds none. */
    public static Optional<AzurePipeline> read(YamlDocumentSet file, List<ReadProblem> problems) {
        file.diagnostics().forEach(d -> problems.add(new ReadProblem(d.location(), d.message(), false)));
        List<YamlDocument> documents = file.documents();
        YamlNode root = documents.isEmpty() ? null : documents.get(0).root();
        if (root == null || root instanceof YamlScalar s && s.isNull()) {
            problems.add(new ReadProblem(Location.line(file.path(), 1, ""), "empty file: no Azure Pipelines definition",
                    true));
            return Optional.empty();
        }
        if (!(root instanceof YamlMapping map)) {
            problems.add(new ReadProblem(root.location(),
                    "not an Azure Pipelines definition: the top level is not a mapping", true));
            return Optional.empty();
        }
        Reader reader = new Reader(file.path(), problems);
        return Optional.of(reader.pipeline(map));
    }

    /**
     * Whether a file named on the command line under another name reads as an Azure Pipelines definition: no
     * {@code on} of GitHub Actions, and a pipeline's trigger, pool, resources or extends, stages, jobs or steps written
     * as lists of Azure's entries, a template's parameters, or variables written as a list.
     */
    public static boolean looksLikeAzure(YamlDocumentSet file) {
        List<YamlDocument> documents = file.documents();
        if (documents.isEmpty() || !(documents.get(0).root() instanceof YamlMapping map) || map.containsKey("on")
                || map.containsKey("runs")) {
            return false;
        }
        if (map.containsKey("pr") || map.containsKey("extends") || map.getMapping("pool").isPresent()
                || map.getMapping("resources").filter(r -> r.containsKey("repositories") || r.containsKey("containers")
                || r.containsKey("pipelines")).isPresent()) {
            return true;
        }
        for (String list : List.of("stages", "jobs", "steps")) {
            Optional<YamlSequence> items = map.getSequence(list);
            if (items.isPresent() && items.get().items().stream().anyMatch(AzureReader::isAzureEntry)) {
                return true;
            }
        }
        if (map.containsKey("parameters") && (map.containsKey("variables") || map.containsKey("stages")
                || map.containsKey("jobs") || map.containsKey("steps"))) {
            // A template's parameters: neither GitHub Actions nor GitLab CI has the key.
            return true;
        }
        // Variables as a list (of names and values, groups and templates) are Azure's; GitLab's are a mapping.
        return map.getSequence("variables").filter(v -> !v.isEmpty()).isPresent();
    }

    /** A stage, job, step or template entry of a list, or a template expression that inserts some. */
    private static boolean isAzureEntry(YamlNode item) {
        if (!(item instanceof YamlMapping m)) {
            return false;
        }
        return m.containsKey("stage") || m.containsKey("job") || m.containsKey("deployment")
                || m.containsKey("template") || STEP_KEYWORDS.keySet().stream().anyMatch(m::containsKey)
                || !m.isEmpty() && m.keys().stream().allMatch(AzureReader::isExpression);
    }

    private static boolean isExpression(String key) {
        return key.strip().startsWith("${{");
    }

    /** The text of a scalar that is not null; null otherwise. */
    private static String text(YamlNode node) {
        return node instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    }

    /** Reads the parts of one file, reporting its malformed values. */
    private static final class Reader {
        private final String path;
        private final List<ReadProblem> problems;
        private final List<AzurePipeline.Variable> variables = new ArrayList<>();
        private final List<AzurePipeline.TemplateUse> templates = new ArrayList<>();
        private final List<AzureJob> jobs = new ArrayList<>();
        /** Whether the file's nesting limit was told already: once is enough. */
        private boolean tooDeep;

        Reader(String path, List<ReadProblem> problems) {
            this.path = path;
            this.problems = problems;
        }

        private void problem(YamlNode node, String message) {
            problems.add(new ReadProblem(node.location(), message, false));
        }

        AzurePipeline pipeline(YamlMapping map) {
            boolean pipelineKeys = PIPELINE_KEYS.stream().anyMatch(map::containsKey);
            boolean template = !pipelineKeys && (map.containsKey("parameters") || !namedAsPipeline(path));
            AzurePipeline.PrTrigger pr = prTrigger(map);
            List<AzurePipeline.Parameter> parameters = parameters(map.get("parameters").orElse(null));
            List<AzurePipeline.Repository> repositories = new ArrayList<>();
            List<AzurePipeline.Container> containers = new ArrayList<>();
            map.getMapping("resources").ifPresent(r -> resources(r, repositories, containers));
            AzureJob.Pool pool = map.get("pool").map(this::pool).orElse(null);
            Scope top = new Scope(null, pool, "the pipeline", 0);
            map.get("variables").ifPresent(v -> variables(v, top.label, 0));
            map.get("stages").ifPresent(node -> list(node, top, "stages"));
            map.get("jobs").ifPresent(node -> list(node, top, "jobs"));
            map.get("steps").ifPresent(node -> {
                Scope implicit = top.implicitJob(map, null);
                list(node, implicit, "steps");
                implicit.close();
            });
            map.get("extends").ifPresent(node -> {
                if (node instanceof YamlMapping ext) {
                    ext.get("template").ifPresent(t -> templateUse(t, ext.get("parameters").orElse(null), true));
                    String extended = ext.get("template").map(AzureReader::text).map(String::strip).orElse("");
                    ext.get("parameters").ifPresent(p -> parameterBlocks(p, top, extended, 0));
                } else {
                    problem(node, "'extends' should be a mapping with 'template'");
                }
            });
            return new AzurePipeline(path, map.location(), template, pr, parameters, variables, repositories,
                    containers, templates, jobs);
        }

        /** Whether the file's name is one of a pipeline's ({@code azure-pipelines.yml} and the like). */
        private static boolean namedAsPipeline(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            return name.contains("azure-pipelines") || name.contains("pipeline.y");
        }

        private AzurePipeline.PrTrigger prTrigger(YamlMapping map) {
            Optional<YamlEntry> entry = map.entry("pr");
            if (entry.isEmpty()) {
                return new AzurePipeline.PrTrigger(AzurePipeline.PrTriggerMode.DEFAULT, map.location());
            }
            YamlNode value = entry.get().value();
            boolean none = value instanceof YamlScalar s && (s.isNull() ? false : s.text().strip().equalsIgnoreCase("none"))
                    || value instanceof YamlSequence seq && seq.isEmpty()
                    || value instanceof YamlMapping m && m.getScalar("enabled").flatMap(YamlScalar::asBoolean)
                    .filter(b -> !b).isPresent();
            return new AzurePipeline.PrTrigger(none ? AzurePipeline.PrTriggerMode.NONE
                    : AzurePipeline.PrTriggerMode.BRANCHES, entry.get().key().location());
        }

        private List<AzurePipeline.Parameter> parameters(YamlNode node) {
            List<AzurePipeline.Parameter> out = new ArrayList<>();
            if (node instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlMapping m && m.getText("name").isPresent()) {
                        String type = m.getText("type").map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse("string");
                        List<String> values = new ArrayList<>();
                        m.getSequence("values").ifPresent(v -> v.items().forEach(x -> {
                            if (text(x) != null) {
                                values.add(text(x));
                            }
                        }));
                        out.add(new AzurePipeline.Parameter(m.getText("name").get(), m.location(), type, values));
                    } else if (!(item instanceof YamlMapping m && m.keys().stream().allMatch(AzureReader::isExpression))) {
                        problem(item, "a parameter should be a mapping with 'name'");
                    }
                }
            } else if (node instanceof YamlMapping m) {
                // The older form: names and their defaults.
                for (YamlEntry e : m.entries()) {
                    out.add(new AzurePipeline.Parameter(e.key().text(), e.key().location(), "object", List.of()));
                }
            } else if (node != null && !(node instanceof YamlScalar s && s.isNull())) {
                problem(node, "'parameters' should be a list of parameters");
            }
            return out;
        }

        private void resources(YamlMapping resources, List<AzurePipeline.Repository> repositories,
                               List<AzurePipeline.Container> containers) {
            resources.get("repositories").ifPresent(node -> {
                for (YamlMapping m : mappings(node, "repositories")) {
                    Optional<String> alias = m.getText("repository");
                    if (alias.isEmpty()) {
                        problem(m, "a repository resource should have a 'repository' alias");
                        continue;
                    }
                    repositories.add(new AzurePipeline.Repository(alias.get(), m.location(),
                            m.getText("type").orElse("").strip().toLowerCase(Locale.ROOT),
                            m.get("name").map(ModelScalars::of).orElse(null),
                            m.get("ref").map(ModelScalars::of).orElse(null)));
                }
            });
            resources.get("containers").ifPresent(node -> {
                for (YamlMapping m : mappings(node, "containers")) {
                    Optional<String> alias = m.getText("container");
                    if (alias.isEmpty()) {
                        problem(m, "a container resource should have a 'container' alias");
                        continue;
                    }
                    containers.add(new AzurePipeline.Container(alias.get(), m.location(),
                            m.get("image").map(ModelScalars::of).orElse(null)));
                }
            });
        }

        /** The mappings of a list of resources, through template expressions; a warning for anything else. */
        private List<YamlMapping> mappings(YamlNode node, String what) {
            List<YamlMapping> out = new ArrayList<>();
            collectMappings(node, what, out, 0);
            return out;
        }

        private void collectMappings(YamlNode node, String what, List<YamlMapping> out, int depth) {
            if (depth > MAX_DEPTH || node instanceof YamlScalar s && s.isNull()) {
                return;
            }
            if (node instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    if (item instanceof YamlMapping m && !m.isEmpty()
                            && m.keys().stream().allMatch(AzureReader::isExpression)) {
                        m.entries().forEach(e -> collectMappings(e.value(), what, out, depth + 1));
                    } else if (item instanceof YamlMapping m) {
                        out.add(m);
                    } else {
                        problem(item, "an entry of '" + what + "' should be a mapping");
                    }
                }
            } else if (node instanceof YamlMapping m && depth > 0) {
                out.add(m);
            } else {
                problem(node, "'" + what + "' should be a list");
            }
        }

        private AzureJob.Pool pool(YamlNode node) {
            if (node instanceof YamlScalar s) {
                return s.isNull() ? null : new AzureJob.Pool(ModelScalars.of(s), null, s.location());
            }
            if (node instanceof YamlMapping m) {
                return new AzureJob.Pool(lookup(m, "name").map(ModelScalars::of).orElse(null),
                        lookup(m, "vmImage").map(ModelScalars::of).orElse(null), m.location());
            }
            problem(node, "'pool' should be a pool's name or a mapping");
            return null;
        }

        /**
         * A key of a mapping, or of a mapping a template expression inserts into it ({@code ${{ if … }}: {key: …}}),
         * the first found.
         */
        private static Optional<YamlNode> lookup(YamlMapping map, String key) {
            return lookup(map, key, 0);
        }

        private static Optional<YamlNode> lookup(YamlMapping map, String key, int depth) {
            Optional<YamlNode> direct = map.get(key);
            if (direct.isPresent() || depth > MAX_DEPTH) {
                return direct;
            }
            for (YamlEntry e : map.entries()) {
                if (isExpression(e.key().text()) && e.value() instanceof YamlMapping inner) {
                    Optional<YamlNode> found = lookup(inner, key, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }

        /** The variables of a {@code variables} block, as a mapping or a list, through template expressions. */
        private void variables(YamlNode node, String scope, int depth) {
            if (depth > MAX_DEPTH || node instanceof YamlScalar s && (s.isNull() || isExpression(s.text()))) {
                // An expression inserts variables given as a parameter: "${{ insert }}: ${{ parameters.variables }}".
                return;
            }
            if (node instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    if (isExpression(e.key().text())) {
                        variables(e.value(), scope, depth + 1);
                    } else {
                        variables.add(new AzurePipeline.Variable(e.key().text(), e.key().location(), ModelScalars.of(e.value()),
                                scope));
                    }
                }
            } else if (node instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    if (!(item instanceof YamlMapping m)) {
                        problem(item, "a variable should be a mapping with 'name' and 'value', 'group' or 'template'");
                    } else if (m.containsKey("name")) {
                        YamlEntry name = m.entry("name").get();
                        variables.add(new AzurePipeline.Variable(text(name.value()) == null ? "" : text(name.value()),
                                name.value().location(), m.get("value").map(ModelScalars::of)
                                .orElse(Scalar.of("", m.location())), scope));
                    } else if (m.containsKey("template")) {
                        templateUse(m.get("template").get(), m.get("parameters").orElse(null), false);
                    } else if (!m.isEmpty() && m.keys().stream().allMatch(AzureReader::isExpression)) {
                        m.entries().forEach(e -> variables(e.value(), scope, depth + 1));
                    }
                }
            } else {
                problem(node, "'variables' should be a mapping or a list");
            }
        }

        private void templateUse(YamlNode node, YamlNode parameters, boolean extended) {
            String value = text(node);
            if (value == null) {
                problem(node, "'template' should name a file");
                return;
            }
            // Windows-style separators are accepted, as in "template: .\\steps\\build.yml".
            String file = value.strip().replace('\\', '/');
            String repository = null;
            int at = file.lastIndexOf('@');
            if (at > 0 && !file.substring(at).contains("/")) {
                repository = file.substring(at + 1).strip();
                file = file.substring(0, at).strip();
                if (repository.equalsIgnoreCase("self")) {
                    repository = null;
                }
            }
            List<KeyValue> passed = new ArrayList<>();
            if (parameters instanceof YamlMapping given) {
                for (YamlEntry e : given.entries()) {
                    if (e.value() instanceof YamlScalar s && !s.isNull()) {
                        passed.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(s)));
                    }
                }
            }
            templates.add(new AzurePipeline.TemplateUse(file, repository, extended, ModelScalars.of(node), passed));
        }

        /**
         * The entries of a list of stages, jobs or steps: each item is a stage, a job or deployment, a step, a template
         * reference (whose parameters may hold more), or a template expression that inserts items.
         */
        private void list(YamlNode node, Scope scope, String what) {
            if (node instanceof YamlScalar s && s.isNull()) {
                return;
            }
            if (!(node instanceof YamlSequence seq)) {
                // A template passes a parameter on: "steps: ${{ parameters.steps }}".
                if (!(node instanceof YamlScalar s && isExpression(s.text()))) {
                    problem(node, "'" + what + "' should be a list");
                }
                return;
            }
            for (YamlNode item : seq.items()) {
                item(item, scope, what);
            }
        }

        private void item(YamlNode node, Scope scope, String what) {
            if (!(node instanceof YamlMapping m)) {
                if (!scope.lenient && !(node instanceof YamlScalar s && (s.isNull() || isExpression(s.text())))) {
                    problem(node, "an entry of '" + what + "' should be a mapping");
                }
                return;
            }
            if (!m.isEmpty() && m.keys().stream().allMatch(AzureReader::isExpression)) {
                if (scope.depth >= MAX_DEPTH) {
                    if (!tooDeep) {
                        tooDeep = true;
                        problem(m, "stages, jobs, steps and template expressions nest more than " + MAX_DEPTH
                                + " deep here; what is deeper is not read");
                    }
                    return;
                }
                for (YamlEntry e : m.entries()) {
                    if (e.value() instanceof YamlSequence) {
                        list(e.value(), scope.deeper(), what);
                    } else {
                        item(e.value(), scope.deeper(), what);
                    }
                }
            } else if (m.containsKey("stage")) {
                stage(m, scope);
            } else if (m.containsKey("job")) {
                job(m, AzureJob.Kind.JOB, scope);
            } else if (m.containsKey("deployment")) {
                job(m, AzureJob.Kind.DEPLOYMENT, scope);
            } else if (m.containsKey("template")) {
                templateUse(m.get("template").get(), m.get("parameters").orElse(null), false);
                if (scope.steps != null) {
                    scope.steps.add(step(m, AzureStep.Kind.TEMPLATE, m.get("template").get()));
                }
                m.get("parameters").ifPresent(p -> parameterBlocks(p, scope,
                        text(m.get("template").get()) == null ? "" : text(m.get("template").get()).strip(), 0));
            } else {
                Optional<Map.Entry<String, AzureStep.Kind>> keyword = STEP_KEYWORDS.entrySet().stream()
                        .filter(k -> m.containsKey(k.getKey())).findFirst();
                if (keyword.isEmpty()) {
                    if (!scope.lenient) {
                        problem(m, "an entry of '" + what + "' should be a stage, a job, a step or a template");
                    }
                } else if (scope.steps == null) {
                    // Steps outside a job: read into a job of their own, as the pipeline runs them.
                    Scope implicit = scope.implicitJob(null, null);
                    implicit.steps.add(step(m, keyword.get().getValue(), m.get(keyword.get().getKey()).get()));
                    implicit.close();
                } else {
                    scope.steps.add(step(m, keyword.get().getValue(), m.get(keyword.get().getKey()).get()));
                }
            }
        }

        /**
         * The stages, jobs and steps among a template's parameters, read as the file's own: a template may run them
         * anywhere, and they are written here.
         */
        private void parameterBlocks(YamlNode node, Scope scope, String template, int depth) {
            if (depth > 8) {
                return;
            }
            if (node instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    parameterBlocks(e.value(), scope, template, depth + 1);
                }
            } else if (node instanceof YamlSequence seq && seq.items().stream().anyMatch(AzureReader::isAzureEntry)) {
                Scope passed = scope.passedTo(template);
                for (YamlNode item : seq.items()) {
                    if (isAzureEntry(item)) {
                        item(item, passed, "parameters");
                    }
                }
                passed.close();
            }
        }

        private void stage(YamlMapping m, Scope scope) {
            String name = m.getText("stage").orElse("");
            AzureJob.Pool pool = lookup(m, "pool").map(this::pool).orElse(scope.pool);
            Scope stage = new Scope(name, pool, "stage '" + name + "'", scope.depth + 1);
            stage.lenient = scope.lenient;
            lookup(m, "variables").ifPresent(v -> variables(v, stage.label, 0));
            lookup(m, "jobs").ifPresent(node -> list(node, stage, "jobs"));
        }

        private void job(YamlMapping m, AzureJob.Kind kind, Scope scope) {
            String key = kind == AzureJob.Kind.JOB ? "job" : "deployment";
            String name = m.getText(key).orElse("");
            AzureJob.Pool pool = lookup(m, "pool").map(this::pool).orElse(scope.pool);
            String label = (kind == AzureJob.Kind.JOB ? "job '" : "deployment '") + name + "'";
            lookup(m, "variables").ifPresent(v -> variables(v, label, 0));
            Scalar container = lookup(m, "container").map(c -> c instanceof YamlMapping cm
                    ? cm.get("image").map(ModelScalars::of).orElse(null) : ModelScalars.of(c)).orElse(null);
            List<Scalar> services = new ArrayList<>();
            lookup(m, "services").ifPresent(s -> {
                if (s instanceof YamlMapping sm) {
                    sm.entries().forEach(e -> services.add(ModelScalars.of(e.value())));
                } else if (!(s instanceof YamlScalar x && x.isNull())) {
                    problem(s, "'services' should be a mapping of names to containers");
                }
            });
            List<AzureStep> steps = new ArrayList<>();
            Scope inner = new Scope(scope.stage, pool, label, scope.depth + 1);
            inner.steps = steps;
            inner.lenient = scope.lenient;
            lookup(m, "steps").ifPresent(node -> list(node, inner, "steps"));
            lookup(m, "strategy").ifPresent(strategy -> deploymentHooks(strategy, inner, 0));
            jobs.add(new AzureJob(name, m.location(), scope.stage, kind, pool, container, services, steps));
        }

        /** The steps of a deployment's strategy: {@code deploy}, {@code preDeploy}, {@code on: failure}, … */
        private void deploymentHooks(YamlNode node, Scope scope, int depth) {
            if (depth > 4 || !(node instanceof YamlMapping m)) {
                return;
            }
            for (YamlEntry e : m.entries()) {
                if (e.key().text().equals("steps")) {
                    list(e.value(), scope, "steps");
                } else if (!e.key().text().equals("matrix")) {
                    deploymentHooks(e.value(), scope, depth + 1);
                }
            }
        }

        private AzureStep step(YamlMapping m, AzureStep.Kind kind, YamlNode keywordValue) {
            Scalar name = ModelScalars.of(keywordValue);
            List<KeyValue> inputs = new ArrayList<>();
            if (kind == AzureStep.Kind.TASK) {
                lookup(m, "inputs").ifPresent(node -> keyValues(node, inputs, "inputs"));
            } else if (kind == AzureStep.Kind.CHECKOUT) {
                for (YamlEntry e : m.entries()) {
                    if (!e.key().text().equals("checkout")) {
                        inputs.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(e.value())));
                    }
                }
            }
            List<KeyValue> env = new ArrayList<>();
            lookup(m, "env").ifPresent(node -> keyValues(node, env, "env"));
            Scalar script = null;
            String shell = null;
            switch (kind) {
                case SCRIPT, BASH, PWSH, POWERSHELL -> {
                    script = keywordValue instanceof YamlScalar s && !s.isNull() ? name : null;
                    shell = kind.name().toLowerCase(Locale.ROOT);
                }
                case TASK -> {
                    InlineScript inline = InlineScript.of(name.value(), inputs);
                    if (inline != null) {
                        script = inline.script();
                        shell = inline.shell();
                    }
                }
                default -> {
                }
            }
            String displayName = m.getText("displayName").orElse(null);
            return new AzureStep(kind, m.location(), name, script, shell, inputs, env, displayName);
        }

        private void keyValues(YamlNode node, List<KeyValue> out, String what) {
            if (node instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    if (isExpression(e.key().text())) {
                        keyValues(e.value(), out, what);
                    } else {
                        out.add(new KeyValue(e.key().text(), e.key().location(), ModelScalars.of(e.value())));
                    }
                }
            } else if (!(node instanceof YamlScalar s && (s.isNull() || isExpression(s.text())))) {
                problem(node, "'" + what + "' should be a mapping");
            }
        }

        /**
         * Where entries go: the stage, the pool that applies, a label for the variables set there, and the steps of
         * the job being read (null outside a job).
         */
        private final class Scope {
            final String stage;
            final AzureJob.Pool pool;
            final String label;
            final int depth;
            List<AzureStep> steps;
            /**
             * Whether entries that are no stage, job, step or template pass without a word: under a template
             * expression, whose branches may hold a deliberate error entry, and among a template's parameters, which
             * may be lists of anything.
             */
            boolean lenient;
            private Runnable closer;

            Scope(String stage, AzureJob.Pool pool, String label, int depth) {
                this.stage = stage;
                this.pool = pool;
                this.label = label;
                this.depth = depth;
            }

            Scope deeper() {
                Scope s = new Scope(stage, pool, label, depth + 1);
                s.steps = steps;
                s.lenient = true;
                return s;
            }

            /** A scope for steps outside any job, which become a job of their own when closed. */
            Scope implicitJob(YamlMapping owner, String template) {
                Scope s = new Scope(stage, pool, label, depth + 1);
                s.lenient = lenient;
                List<AzureStep> list = new ArrayList<>();
                s.steps = list;
                Location where = owner != null ? owner.location() : null;
                s.closer = () -> {
                    if (!list.isEmpty()) {
                        jobs.add(new AzureJob(template == null ? "" : template,
                                where != null ? where : list.get(0).location(), stage,
                                template == null ? AzureJob.Kind.IMPLICIT : AzureJob.Kind.PASSED, pool, null,
                                List.of(), list));
                    }
                };
                return s;
            }

            /** A scope for the entries passed to a template as parameters. */
            Scope passedTo(String template) {
                Scope s = steps != null ? deeper() : implicitJob(null, template);
                s.lenient = true;
                return s;
            }

            void close() {
                if (closer != null) {
                    closer.run();
                }
            }
        }
    }
}
