package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.GlobPattern;
import dev.cimatrix.analyze.expr.ExpressionTaint;
import dev.cimatrix.analyze.expr.TaintEntry;
import dev.cimatrix.analyze.expr.PatternLookup;
import dev.cimatrix.analyze.expr.TaintLookup;
import dev.cimatrix.analyze.expr.TaintSource;
import dev.cimatrix.analyze.expr.TaintTable;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which values of a workflow or composite action carry attacker-controlled data, and from where. It starts
 * from the event fields the taint table lists for the workflow's triggers and follows the data through
 * {@code env} at workflow, job and step level, step outputs written from tainted values, job outputs read
 * through {@code needs}, and the {@code inputs} of local reusable workflows and composite actions, using
 * what their callers in the same repository pass.
 *
 * <p>One instance per scan, shared by checks through {@link Derived}.
 */
public final class WorkflowTaint {
    /**
     * Actions whose outputs repeat data an outsider controls, such as the names of changed files, with the
     * outputs that do (as context path segments, {@code *_files} for every name ending so). Their other
     * outputs hold what the workflow chose or measured: {@code true} or {@code false} for a filter or a
     * group of files, counts, the names of the workflow's own filters.
     */
    private static final Map<String, List<String>> TAINTING_ACTIONS = Map.of(
            "tj-actions/changed-files", List.of("*_files"),
            "dorny/paths-filter", List.of("*_files"),
            "tj-actions/branch-names", List.of("*_branch", "tag"),
            "jitterbit/get-changed-files", List.of("*"),
            "trilom/file-changes-action", List.of("*"),
            "lots0logs/gh-action-get-changed-files", List.of("*"));

    /**
     * Source label of the outputs of a file-listing action that escapes shell characters in them
     * ({@code tj-actions/changed-files} from v41 unless {@code safe_output: false}): in a shell script such names
     * cannot end a command or start another, whatever the files are called.
     */
    public static final String SHELL_ESCAPED = "shell-escaped outputs of ";
    /** The first release of tj-actions/changed-files that escapes its outputs by default. */
    private static final int FIRST_ESCAPING_CHANGED_FILES = 41;

    /** Source label of an input of an action with no caller in the scanned tree. */
    public static final String PUBLISHED_INPUT = "caller-supplied input ";

    private final Inventory inventory;
    private final TaintTable table;
    /** Keyed by identity: model records hash their whole content, which is slow for large workflows. */
    private final Map<Workflow, Set<String>> effectiveTriggers = new IdentityHashMap<>();
    /** Event lookups per trigger set, memoised per path: the table is searched once per path and set. */
    private final Map<Set<String>, TaintLookup> eventLookups = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> inputTaint = new HashMap<>();
    private final Map<String, Map<String, String>> inputJsonRoots = new HashMap<>();
    /** Lookups per scope, keyed by the step, job, workflow or action object itself. */
    private final Map<Object, TaintLookup> lookups = new IdentityHashMap<>();
    /** Jobs whose lookup is being computed, so a cycle of {@code needs} ends instead of recursing. */
    private final Set<Job> resolving = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** By job, what its scopes share; see {@link JobTaint}. */
    private final Map<Job, JobTaint> jobTaints = new IdentityHashMap<>();
    /** By job, the triggers its condition leaves. */
    private final Map<Job, Set<String>> jobTriggers = new IdentityHashMap<>();
    /** The event lookup of each workflow under its triggers, and of each job under those its condition leaves. */
    private final Map<Workflow, TaintLookup> workflowEvents = new IdentityHashMap<>();
    private final Map<Job, TaintLookup> jobEvents = new IdentityHashMap<>();

    /** When set, every trigger the taint table knows counts, whatever the workflow says. */
    private final boolean everyTrigger;

    private final Map<String, List<Caller>> callers;
    /** Workflows by name and by file name, for {@code workflow_run} patterns; built when first needed. */
    private Map<String, List<Workflow>> workflowsByName;
    /** The event lookup under every known trigger, made when first needed. */
    private TaintLookup everyTriggerLookup;

    private static final String LATENT = "latent " + WorkflowTaint.class.getName();

    private WorkflowTaint(Inventory inventory, TaintTable table, boolean everyTrigger,
                          Map<String, List<Caller>> callers) {
        this.inventory = inventory;
        this.table = table;
        this.everyTrigger = everyTrigger;
        this.callers = callers;
    }

    public static WorkflowTaint of(Inventory inventory, Derived derived) {
        return derived.get(WorkflowTaint.class, () -> new WorkflowTaint(inventory, TaintTable.github(), false,
                sharedCallers(inventory)));
    }

    /*
     * The callers of the last inventory asked about, made once for the analysis and its latent twin, every
     * worker of a scan and its attack paths: a walk over every step, which a cold JVM runs slowly. Read-only
     * once made. The inventory is held weakly; its callers stay until the next inventory is indexed.
     */
    private static WeakReference<Inventory> indexedInventory = new WeakReference<>(null);
    private static Map<String, List<Caller>> indexedCallers;

    private static synchronized Map<String, List<Caller>> sharedCallers(Inventory inventory) {
        if (indexedInventory.get() != inventory) {
            indexedCallers = indexCallers(inventory);
            indexedInventory = new WeakReference<>(inventory);
        }
        return indexedCallers;
    }

    /**
     * The same analysis as if the workflow ran on every trigger: it finds latent flows, event fields that
     * are empty under today's triggers but become attacker-controlled when a trigger is added.
     */
    public static WorkflowTaint latent(Inventory inventory, Derived derived) {
        return derived.get(LATENT, () -> new WorkflowTaint(inventory, TaintTable.github(), true,
                sharedCallers(inventory)));
    }

    /**
     * The triggers a workflow runs under: its own, and for a reusable workflow those of the local
     * workflows that call it.
     */
    public Set<String> triggers(Workflow workflow) {
        Set<String> known = effectiveTriggers.get(workflow);
        if (known != null) {
            return known;
        }
        Set<String> result = new LinkedHashSet<>();
        effectiveTriggers.put(workflow, result);
        for (Trigger t : workflow.triggers()) {
            if (t.event().equals("workflow_call")) {
                continue;
            }
            if (t.event().equals("workflow_run") && followsOnlyTrustedWorkflows(t)) {
                continue;
            }
            result.add(t.event());
        }
        if (workflow.isReusable()) {
            for (Caller caller : callersOf(workflow.path())) {
                result.addAll(triggers(caller.workflow()));
            }
        }
        return result;
    }

    /**
     * The triggers a step runs under: its workflow's that its job's and its own conditions leave, or those of the
     * workflows using its action.
     */
    public Set<String> triggers(Scope scope) {
        if (scope.workflow() != null) {
            Set<String> all = triggers(scope.workflow());
            if (scope.job() == null) {
                return all;
            }
            Set<String> job = jobTriggers.computeIfAbsent(scope.job(), j -> JobEvents.reaching(all, j, null));
            return scope.step() == null || scope.step().condition() == null ? job : JobEvents.reaching(job, null, scope.step());
        }
        Set<String> out = new LinkedHashSet<>();
        for (Caller caller : callersOf(scope.action().directory())) {
            if (caller.workflow() != null) {
                out.addAll(triggers(caller.workflow()));
            }
        }
        return out;
    }

    /** A job of this repository that calls a reusable workflow. */
    public record WorkflowCall(Workflow workflow, Job job) {
    }

    /** The jobs of this repository that call the reusable workflow. */
    public List<WorkflowCall> callsOf(Workflow workflow) {
        return callersOf(workflow.path()).stream().filter(c -> c.job() != null && c.step() == null)
                .map(c -> new WorkflowCall(c.workflow(), c.job())).toList();
    }

    /**
     * Under {@code pull_request} alone, what a script of the scope gives a pull request's author when the pull
     * request's own code already runs there: in a job, after a checkout of it ({@link Checkouts#pullRequestCodeRun});
     * in a local action, when every call of the action loads it from such a checkout, as a fork's run then reads the
     * fork's copy of the action. The clause says so for a finding, about {@code what} (the injection, the write).
     */
    public Optional<String> pullRequestCodeClause(Scope scope, String what) {
        if (scope.action() == null) {
            return Checkouts.pullRequestCodeRun(scope.job(), triggers(scope))
                    .map(step -> Checkouts.alreadyRunsPullRequestCode(step, what));
        }
        List<Caller> callers = callersOf(scope.action().directory());
        for (Caller caller : callers) {
            // A call from another action is not followed: its own callers would decide.
            if (caller.job() == null || caller.step() == null) {
                return Optional.empty();
            }
            Optional<Step> run = Checkouts.pullRequestCodeRun(caller.job(), triggers(caller.workflow()));
            if (run.isEmpty() || !comesNoLaterThan(caller.job().steps(), run.get(), caller.step())) {
                return Optional.empty();
            }
        }
        return callers.isEmpty() ? Optional.empty() : Optional.of("under pull_request every call of this action (step '"
                + callers.get(0).step().label() + "') loads it from the pull request's own code, and a fork's run uses "
                + "the fork's copy of the action, so " + what + " gives its author nothing more");
    }

    /** Whether {@code first} is {@code second} or comes before it among {@code steps}. */
    private static boolean comesNoLaterThan(List<Step> steps, Step first, Step second) {
        for (Step step : steps) {
            if (step == first) {
                return true;
            }
            if (step == second) {
                return false;
            }
        }
        return false;
    }

    /** What each call of a local action in this repository passes it: the calling steps' {@code with}. */
    public List<List<KeyValue>> callsOf(ActionDefinition action) {
        return callersOf(action.directory()).stream().map(Caller::with).toList();
    }

    /** True for a composite action that no workflow in the scanned tree uses: its callers are elsewhere. */
    public boolean isPublished(ActionDefinition action) {
        return callersOf(action.directory()).isEmpty();
    }

    /**
     * True when every workflow a {@code workflow_run} trigger follows is in the scanned tree and none of
     * them can be started by an outsider: the triggering run, its branch and its artifacts are then the
     * repository's own. Followed workflows are named by their {@code name:} or file name, with globs.
     */
    private boolean followsOnlyTrustedWorkflows(Trigger trigger) {
        if (trigger.workflows().isEmpty()) {
            return false;
        }
        for (String pattern : trigger.workflows()) {
            List<Workflow> followed = followedBy(pattern);
            if (followed.isEmpty()) {
                return false;
            }
            for (Workflow w : followed) {
                if (Triggers.reachableByOutsiders(triggers(w)).isPresent()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The workflows whose name or file name a {@code workflow_run} pattern matches. */
    private List<Workflow> followedBy(String pattern) {
        if (pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '+' || c == '[' || c == '\\')) {
            // Most patterns are plain names: looked up instead of matched against every workflow.
            if (workflowsByName == null) {
                workflowsByName = new HashMap<>();
                for (Workflow w : inventory.workflows()) {
                    Set<String> keys = new LinkedHashSet<>();
                    if (w.name() != null) {
                        keys.add(w.name());
                    }
                    keys.add(fileName(w));
                    keys.forEach(k -> workflowsByName.computeIfAbsent(k, x -> new ArrayList<>()).add(w));
                }
            }
            return workflowsByName.getOrDefault(pattern, List.of());
        }
        GlobPattern glob = GlobPattern.githubFilter(pattern);
        return inventory.workflows().stream()
                .filter(w -> (w.name() != null && glob.matches(w.name())) || glob.matches(fileName(w)))
                .toList();
    }

    private static String fileName(Workflow w) {
        return w.path().substring(w.path().lastIndexOf('/') + 1);
    }

    /** The tainted sources an expression in the given scope expands to. */
    public List<TaintSource> sources(ExpressionUse use, Scope scope) {
        return ExpressionTaint.sourcesOf(use.expr(), lookup(scope));
    }

    /** The sources of every expression in a value, deduplicated. */
    public Set<String> sources(Scalar value, Scope scope) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        TaintLookup lookup = lookup(scope);
        for (ExpressionUse use : value.expressions()) {
            ExpressionTaint.sourcesOf(use.expr(), lookup).forEach(s -> out.add(s.source()));
        }
        return out;
    }

    /**
     * How sure the taint table is that an outsider writes {@code sources} in this scope: the surest of them.
     * Commit messages under {@code push} and a dispatcher's payload are less sure than a pull request's title;
     * a source that is no event field (an output of a file-listing action, an input of a published action)
     * counts as sure.
     */
    public Confidence sureness(Collection<String> sources, Scope scope) {
        Set<String> triggers = everyTrigger ? everyKnownTrigger() : triggers(scope);
        Confidence surest = Confidence.LOW;
        for (String source : sources) {
            Optional<TaintEntry.Confidence> listed = table.confidence(source, triggers)
                    .or(() -> table.confidence(source, everyKnownTrigger()));
            Confidence sure = listed.map(c -> Confidence.valueOf(c.name())).orElse(Confidence.HIGH);
            if (sure.compareTo(surest) > 0) {
                surest = sure;
            }
        }
        return surest;
    }

    /**
     * Where an expression is evaluated: a step of a workflow job, a job (its env, outputs, with), a
     * workflow's top level, or a step of a composite action.
     */
    public record Scope(Workflow workflow, Job job, Step step, ActionDefinition action) {
        public static Scope of(Workflow workflow, Job job, Step step) {
            return new Scope(workflow, job, step, null);
        }

        public static Scope of(ActionDefinition action, Step step) {
            return new Scope(null, null, step, action);
        }

        /** The scope of the step a step-level hook sees. */
        public static Scope of(dev.cimatrix.analyze.StepContext context) {
            return context.inAction() ? of(context.action(), context.step())
                    : of(context.workflow(), context.job(), context.step());
        }
    }

    /** The lookup for a scope: event fields under its triggers, plus env, outputs and inputs. */
    public TaintLookup lookup(Scope scope) {
        Object key = scope.step() != null ? scope.step() : scope.job() != null ? scope.job()
                : scope.action() != null ? scope.action() : scope.workflow();
        TaintLookup known = lookups.get(key);
        if (known == null) {
            if (scope.job() != null && !resolving.add(scope.job())) {
                return TaintLookup.none();
            }
            try {
                known = computeLookup(scope);
            } finally {
                if (scope.job() != null) {
                    resolving.remove(scope.job());
                }
            }
            lookups.put(key, known);
        }
        return known;
    }

    private TaintLookup events(Set<String> triggers) {
        return everyTrigger ? everyTriggerLookup() : eventLookup(triggers);
    }

    /** The event lookup under every trigger the table knows, which every scope of the latent analysis uses. */
    private TaintLookup everyTriggerLookup() {
        if (everyTriggerLookup == null) {
            everyTriggerLookup = eventLookup(everyKnownTrigger());
        }
        return everyTriggerLookup;
    }

    private TaintLookup eventLookup(Set<String> triggers) {
        return eventLookups.computeIfAbsent(Set.copyOf(triggers), key -> {
            TaintLookup uncached = TaintLookup.events(table, key);
            Map<String, Set<String>> memo = new HashMap<>();
            return path -> memo.computeIfAbsent(path, uncached::sourcesAt);
        });
    }

    private Set<String> everyKnownTrigger() {
        Set<String> all = new LinkedHashSet<>();
        table.entries().forEach(e -> all.addAll(e.triggers()));
        return all;
    }

    private TaintLookup computeLookup(Scope scope) {
        Map<String, Set<String>> indirect = new LinkedHashMap<>();
        TaintLookup base;
        if (scope.action() != null) {
            Set<String> triggers = new LinkedHashSet<>();
            for (Caller caller : callersOf(scope.action().directory())) {
                if (caller.workflow() != null) {
                    triggers.addAll(triggers(caller.workflow()));
                }
            }
            boolean published = callersOf(scope.action().directory()).isEmpty();
            // A published action runs under whatever triggers its callers elsewhere use.
            base = published ? everyTriggerLookup() : events(triggers);
            if (published) {
                // A published action: its callers live in other repositories and may pass anything.
                for (ActionDefinition.Input input : scope.action().inputs()) {
                    indirect.put("inputs." + input.name().toLowerCase(Locale.ROOT), Set.of(PUBLISHED_INPUT + input.name()));
                }
            }
            inputsOf(scope.action().directory()).forEach((input, sources) -> indirect.put("inputs." + input, sources));
            base = withJsonRoots(base, inputJsonRoots(scope.action().directory()));
            addStepOutputs(scope.action().steps(), scope.step(), base, indirect);
            addEnv(List.of(), scope.step() == null ? List.of() : scope.step().env(), base, indirect);
            return base.or(TaintLookup.of(indirect));
        }
        Workflow workflow = scope.workflow();
        // A job sees the events its condition leaves; the steps of a job share its view (their own conditions
        // decide the checks' severity, not what flows through the job).
        base = scope.job() == null ? workflowEvents.computeIfAbsent(workflow, w -> events(triggers(w)))
                : jobEvents.computeIfAbsent(scope.job(), j -> events(triggers(Scope.of(workflow, j, null))));
        if (workflow.isReusable()) {
            inputsOf(workflow.path()).forEach((input, sources) -> indirect.put("inputs." + input, sources));
            base = withJsonRoots(base, inputJsonRoots(workflow.path()));
        }
        TaintLookup withInputs = base.or(TaintLookup.of(Map.copyOf(indirect)));
        Job job = scope.job();
        if (job != null) {
            JobTaint shared = jobTaints.get(job);
            if (shared == null) {
                // The workflow's env is weighed once per job, in the values the job's steps share, not per step.
                addEnv(workflow.env(), List.of(), withInputs, indirect);
                shared = jobTaint(workflow, job, withInputs, indirect);
                // Within a cycle of needs a job's view is cut short: kept only when worked out from the top.
                if (resolving.size() == 1) {
                    jobTaints.put(job, shared);
                }
            }
            // The outputs of the steps before this one (of all steps for the job itself), read from the job's one
            // index of them rather than copied for every step; the values the job's steps share, from the job's one
            // lookup of them unless the step's own env changes them.
            int before = scope.step() == null ? Integer.MAX_VALUE : scope.step().index();
            TaintLookup upToStep = withInputs.or(shared.outputsBefore(before));
            if (scope.step() == null || scope.step().env().isEmpty()) {
                return upToStep.or(shared.indirectLookup());
            }
            Map<String, Set<String>> withStepEnv = new LinkedHashMap<>(shared.indirect());
            addEnv(scope.step().env(), List.of(), upToStep.or(shared.indirectLookup()), withStepEnv);
            return upToStep.or(TaintLookup.of(withStepEnv));
        }
        addEnv(workflow.env(), List.of(), withInputs, indirect);
        return withInputs.or(TaintLookup.of(indirect));
    }

    /**
     * What every scope in a job shares: the values after its needs' outputs and its env, and the tainted
     * outputs of each of its steps, in order. Worked out once per job rather than once per step, which made
     * the cost of a job grow with the square of its steps.
     */
    private record JobTaint(Map<String, Set<String>> indirect, PatternLookup.Index outputs, Map<String, Integer> outputStep,
                            TaintLookup indirectLookup) {
        JobTaint(Map<String, Set<String>> indirect, PatternLookup.Index outputs, Map<String, Integer> outputStep) {
            this(indirect, outputs, outputStep, TaintLookup.of(indirect));
        }

        /** The tainted outputs of the steps before the step at {@code index}. */
        TaintLookup outputsBefore(int index) {
            return outputs.visible(key -> outputStep.get(key) < index);
        }
    }

    private JobTaint jobTaint(Workflow workflow, Job job, TaintLookup withInputs, Map<String, Set<String>> workflowLevel) {
        Map<String, Set<String>> indirect = new LinkedHashMap<>(workflowLevel);
        for (String need : job.needs()) {
            workflow.job(need).ifPresent(needed -> {
                TaintLookup neededLookup = lookup(Scope.of(workflow, needed, null));
                for (KeyValue output : needed.outputs()) {
                    Set<String> sources = valueSources(output.value(), neededLookup);
                    if (!sources.isEmpty()) {
                        indirect.put("needs." + need.toLowerCase(Locale.ROOT) + ".outputs." + output.key(), sources);
                    }
                }
            });
        }
        TaintLookup soFar = withInputs.or(TaintLookup.of(Map.copyOf(indirect)));
        addEnv(job.env(), List.of(), soFar, indirect);
        soFar = withInputs.or(TaintLookup.of(Map.copyOf(indirect)));
        Set<String> jobEnv = envNames(workflow.env(), job.env());
        // A step's outputs may be written from those of the steps before it.
        Map<String, Set<String>> earlier = new LinkedHashMap<>();
        Map<String, Integer> outputStep = new HashMap<>();
        PatternLookup.Index outputs = PatternLookup.index(earlier);
        TaintLookup withEarlier = soFar.or(outputs.visible(key -> true));
        for (Step step : job.steps()) {
            Map<String, Set<String>> written = outputSources(step, withEarlier, jobEnv);
            written.keySet().forEach(key -> outputStep.putIfAbsent(key, step.index()));
            earlier.putAll(written);
        }
        return new JobTaint(indirect, outputs, outputStep);
    }

    private static void addEnv(List<KeyValue> env, List<KeyValue> more, TaintLookup lookup, Map<String, Set<String>> into) {
        for (List<KeyValue> list : List.of(env, more)) {
            for (KeyValue kv : list) {
                Set<String> sources = valueSources(kv.value(), lookup);
                String key = "env." + kv.key().toLowerCase(Locale.ROOT);
                if (sources.isEmpty()) {
                    into.remove(key);
                } else {
                    into.put(key, sources);
                }
            }
        }
    }

    /** Outputs of steps before {@code upTo} that were written from tainted data or come from tainting actions. */
    private void addStepOutputs(List<Step> steps, Step upTo, TaintLookup lookup, Map<String, Set<String>> into) {
        for (Step step : steps) {
            if (upTo != null && step.index() >= upTo.index()) {
                break;
            }
            into.putAll(outputSources(step, lookup.or(TaintLookup.over(into)), Set.of()));
        }
    }

    /** The names the {@code env} of a workflow, a job and so on set, as a script reads them. */
    @SafeVarargs
    private static Set<String> envNames(List<KeyValue>... envs) {
        Set<String> names = new java.util.HashSet<>();
        for (List<KeyValue> env : envs) {
            env.forEach(kv -> names.add(kv.key()));
        }
        return names;
    }

    /**
     * What a step's outputs may hold of tainted data, by the context path of each output; none for a step without an
     * id, whose outputs cannot be read. A script whose every write to GITHUB_OUTPUT is an {@code echo NAME=value}
     * taints each output with what its values read ({@link ShellValues}); another script taints all its outputs with
     * everything it reads. An action taints the outputs {@link #TAINTING_ACTIONS} names.
     *
     * @param outerEnv the names the workflow's and job's {@code env} set
     */
    private Map<String, Set<String>> outputSources(Step step, TaintLookup lookup, Set<String> outerEnv) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (step.id() == null) {
            return out;
        }
        String prefix = "steps." + step.id().toLowerCase(Locale.ROOT) + ".outputs.";
        if (step.run() != null && Scripts.writesOutputs(step.run().value())) {
            String script = step.run().value();
            Map<String, Set<String>> stepEnv = envSources(step.env(), lookup);
            TaintLookup local = lookup.or(TaintLookup.of(stepEnv));
            Set<String> scriptSources = new LinkedHashSet<>(valueSources(step.run(), local));
            String lowerScript = stepEnv.isEmpty() ? script : script.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Set<String>> env : stepEnv.entrySet()) {
                String variable = env.getKey().substring("env.".length());
                if (lowerScript.contains("$" + variable) || lowerScript.contains("${" + variable)) {
                    scriptSources.addAll(env.getValue());
                }
            }
            Optional<Map<String, List<String>>> written = scriptSources.isEmpty() ? Optional.empty()
                    : ShellValues.outputValues(script);
            if (written.isPresent()) {
                ShellValues.Variables vars = new ShellValues.Variables(script);
                var expressionSources = ShellValues.expressionSources(step.run(), local);
                Set<String> envNames = envNames(step.env());
                envNames.addAll(outerEnv);
                for (Map.Entry<String, List<String>> output : written.get().entrySet()) {
                    Set<String> sources = new LinkedHashSet<>();
                    for (String value : output.getValue()) {
                        sources.addAll(ShellValues.valueSources(value, vars, expressionSources,
                                envNames, name -> local.sourcesAt("env." + name.toLowerCase(Locale.ROOT)), scriptSources, 0));
                    }
                    if (!sources.isEmpty()) {
                        out.put(prefix + output.getKey().toLowerCase(Locale.ROOT), sources);
                    }
                }
            } else if (!scriptSources.isEmpty()) {
                out.put(prefix + "*", scriptSources);
            }
        }
        if (step.uses() != null && step.uses().kind() == ActionRef.Kind.REPOSITORY
                && TAINTING_ACTIONS.containsKey(step.uses().repository())) {
            Set<String> sources = Set.of((escapesShell(step) ? SHELL_ESCAPED : "outputs of ") + step.uses().repository());
            TAINTING_ACTIONS.get(step.uses().repository()).forEach(name -> out.put(prefix + name.toLowerCase(Locale.ROOT),
                    sources));
        }
        return out;
    }


    /** Whether every one of the sources is the {@link #SHELL_ESCAPED} output of an action. */
    public static boolean allShellEscaped(Collection<String> sources) {
        return !sources.isEmpty() && sources.stream().allMatch(source -> source.startsWith(SHELL_ESCAPED));
    }

    /**
     * Whether a step of tj-actions/changed-files escapes shell characters in its outputs: a release from v41 on (its
     * tag, or the version noted after its commit SHA, here or at another pin of the same SHA) without
     * {@code safe_output: false}. A commit SHA with no such note does not say its release, and is not taken for one
     * that escapes.
     */
    private boolean escapesShell(Step step) {
        if (!step.uses().repository().equals("tj-actions/changed-files")
                || step.inputValue("safe_output").map(v -> v.strip().equalsIgnoreCase("false")).orElse(false)) {
            return false;
        }
        return inventory.majorRelease(step.uses()).map(major -> major >= FIRST_ESCAPING_CHANGED_FILES).orElse(false);
    }

    private static Map<String, Set<String>> envSources(List<KeyValue> env, TaintLookup lookup) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (KeyValue kv : env) {
            Set<String> sources = valueSources(kv.value(), lookup);
            if (!sources.isEmpty()) {
                out.put("env." + kv.key().toLowerCase(Locale.ROOT), sources);
            }
        }
        return out;
    }

    private static Set<String> valueSources(Scalar value, TaintLookup lookup) {
        Set<String> out = new LinkedHashSet<>();
        for (ExpressionUse use : value.expressions()) {
            ExpressionTaint.sourcesOf(use.expr(), lookup).forEach(s -> out.add(s.source()));
        }
        return out;
    }

    /** A local use of a reusable workflow (by a job) or of a composite action (by a step). */
    private record Caller(Workflow workflow, Job job, Step step, ActionDefinition action, List<KeyValue> with) {
        /** The scope the call is written in, whose lookup reads what it passes. */
        Scope scope() {
            return action != null ? Scope.of(action, step) : Scope.of(workflow, job, step);
        }
    }

    /** The jobs and steps in this repository that call {@code target} (a workflow path or an action directory). */
    private List<Caller> callersOf(String target) {
        return callers.getOrDefault(target, List.of());
    }

    /** Every local call in the inventory, by the workflow path or action directory it resolves to; one pass. */
    private static Map<String, List<Caller>> indexCallers(Inventory inventory) {
        Map<String, List<Caller>> index = new HashMap<>();
        for (Workflow w : inventory.workflows()) {
            for (Job job : w.jobs()) {
                if (job.uses() != null && job.uses().isSameRepository()) {
                    index.computeIfAbsent(resolve(w.path(), job.uses().path()), k -> new ArrayList<>())
                            .add(new Caller(w, job, null, null, job.with()));
                }
                for (Step step : job.steps()) {
                    if (step.uses() != null && step.uses().isSameRepository()) {
                        index.computeIfAbsent(stepTarget(inventory, w, job, step), k -> new ArrayList<>())
                                .add(new Caller(w, job, step, null, step.with()));
                    }
                }
            }
        }
        for (ActionDefinition a : inventory.actions()) {
            for (Step step : a.steps()) {
                if (step.uses() != null && step.uses().isSameRepository()) {
                    index.computeIfAbsent(resolve(a.path(), step.uses().path()), k -> new ArrayList<>())
                            .add(new Caller(null, null, step, a, step.with()));
                }
            }
        }
        return index;
    }

    /**
     * What a workflow step's local {@code uses:} names. A job that checks a repository out into a folder
     * ({@code actions/checkout} with {@code path: tools}) and then uses {@code ./tools/.github/actions/x} runs the
     * action at {@code .github/actions/x} of that checkout: when the path does not name an action of the scanned
     * tree as written but does without the checkout's folder, that action is the one called.
     */
    private static String stepTarget(Inventory inventory, Workflow workflow, Job job, Step step) {
        String target = resolve(workflow.path(), step.uses().path());
        if (step.uses().kind() != ActionRef.Kind.LOCAL || inventory.actionIn(target).isPresent()) {
            return target;
        }
        String local = Inventory.normalise(step.uses().path());
        for (Step earlier : job.steps()) {
            if (earlier == step) {
                break;
            }
            Optional<String> folder = earlier.uses("actions/checkout") ? earlier.inputValue("path") : Optional.empty();
            if (folder.isEmpty() || folder.get().contains("${{")) {
                continue;
            }
            String prefix = Inventory.normalise(folder.get()) + "/";
            if (prefix.length() > 1 && local.startsWith(prefix)) {
                String inCheckout = resolve(workflow.path(), local.substring(prefix.length()));
                if (inventory.actionIn(inCheckout).isPresent()) {
                    return inCheckout;
                }
            }
        }
        return target;
    }

    /**
     * A local {@code uses: ./path} resolved against the repository of the file that contains it: local
     * paths start at the repository root, the folder that holds {@code .github}. A scan of several
     * repositories at once keeps each one's references inside it.
     */
    public static String resolve(String callerPath, String localPath) {
        String root = Inventory.repositoryFolder(callerPath).filter(f -> !f.isEmpty()).map(f -> f + "/").orElse("");
        return root + Inventory.normalise(localPath);
    }

    /**
     * The inputs (lower case) a reusable workflow declares as {@code number} or {@code boolean}: GitHub refuses a call
     * that passes them anything else, so no text of the event reaches the workflow through them.
     */
    private Set<String> typedInputs(String target) {
        Set<String> typed = new java.util.HashSet<>();
        inventory.workflow(target).ifPresent(workflow -> workflow.triggers().stream()
                .filter(t -> t.event().equals("workflow_call"))
                .flatMap(t -> t.inputs().stream())
                .filter(input -> NON_TEXT_TYPES.contains(input.value().value().strip().toLowerCase(Locale.ROOT)))
                .forEach(input -> typed.add(input.key().toLowerCase(Locale.ROOT))));
        return typed;
    }

    private static final Set<String> NON_TEXT_TYPES = Set.of("number", "boolean");

    /**
     * The inputs of a local reusable workflow or action that every call setting them sets to the JSON of one context
     * path ({@code github-event-json: ${{ toJSON(github.event) }}}), as {@code inputs.<name>}, each with that path in
     * lower case.
     */
    private Map<String, String> inputJsonRoots(String target) {
        Map<String, String> known = inputJsonRoots.get(target);
        if (known != null) {
            return known;
        }
        // Seen as having none while worked out, so that workflows calling one another end.
        inputJsonRoots.put(target, Map.of());
        Map<String, String> roots = new HashMap<>();
        Set<String> mixed = new HashSet<>();
        for (Caller caller : callersOf(target)) {
            TaintLookup lookup = lookup(caller.scope());
            for (KeyValue kv : caller.with()) {
                String input = "inputs." + kv.key().toLowerCase(Locale.ROOT);
                Optional<String> root = jsonOfContext(kv.value(), lookup);
                if (root.isEmpty() || !root.get().equals(roots.getOrDefault(input, root.get()))) {
                    mixed.add(input);
                } else {
                    roots.put(input, root.get());
                }
            }
        }
        mixed.forEach(roots::remove);
        inputJsonRoots.put(target, roots);
        return roots;
    }

    /** The lookup, and the inputs that hold the JSON of a context path; the lookup itself when none does. */
    private static TaintLookup withJsonRoots(TaintLookup lookup, Map<String, String> roots) {
        return roots.isEmpty() ? lookup : lookup.or(TaintLookup.jsonRoots(roots));
    }

    /** The context path a value is the JSON of, when it is one {@code ${{ }}} that is that JSON and nothing else. */
    private static Optional<String> jsonOfContext(Scalar value, TaintLookup lookup) {
        String text = value.value().strip();
        if (value.expressions().size() != 1 || !text.startsWith("${{") || !text.endsWith("}}")) {
            return Optional.empty();
        }
        return jsonOfContext(value.expressions().get(0).expr(), lookup);
    }

    /**
     * {@code toJSON(path)} of a {@code github} context path; a value already known as such a JSON
     * ({@link TaintLookup#jsonRoot}, an input passed on); or an {@code ||} of two that are the JSON of the same path,
     * as it yields one of them.
     */
    private static Optional<String> jsonOfContext(Expr expr, TaintLookup lookup) {
        if (expr instanceof Call call) {
            // Only the github context is the same where the JSON is read back: inputs, env, steps and the like of the
            // caller are not the callee's.
            return call.is("toJSON") && call.args().size() == 1 ? ContextPaths.of(call.args().get(0))
                    .filter(path -> path.equals("github") || path.startsWith("github.")) : Optional.empty();
        }
        if (expr instanceof Binary binary) {
            if (binary.op() != Binary.Op.OR) {
                return Optional.empty();
            }
            Optional<String> left = jsonOfContext(binary.left(), lookup);
            return left.isPresent() && left.equals(jsonOfContext(binary.right(), lookup)) ? left : Optional.empty();
        }
        return ContextPaths.of(expr).flatMap(lookup::jsonRoot);
    }

    /** Input name (lower case) to the sources callers pass into it; computed once per target. */
    private Map<String, Set<String>> inputsOf(String target) {
        Map<String, Set<String>> known = inputTaint.get(target);
        if (known != null) {
            return known;
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        inputTaint.put(target, result);
        Set<String> typed = typedInputs(target);
        for (Caller caller : callersOf(target)) {
            TaintLookup lookup = lookup(caller.scope());
            for (KeyValue kv : caller.with()) {
                if (typed.contains(kv.key().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Set<String> sources = valueSources(kv.value(), lookup);
                if (!sources.isEmpty()) {
                    result.computeIfAbsent(kv.key().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>()).addAll(sources);
                }
            }
        }
        return result;
    }
}
