package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.AliasUse;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Suppression;
import dev.cimatrix.model.Workflow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs checks over an inventory. A check that fails on one file is reported as a problem with that file
 * and the scan goes on: one bad check never hides the other results.
 */
public final class Analyzer {
    /** Orders findings by file, position, then check, so output is the same on every run. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().path())
            .thenComparingInt(f -> f.location().startLine())
            .thenComparingInt(f -> f.location().startColumn())
            .thenComparing(Finding::checkId)
            .thenComparing(Finding::fingerprint);

    private final Catalog catalog;
    private final List<Check> checks;
    private final ScanConfig config;
    private final Profile profile;
    private final Set<String> baseline;
    /** The catalog entry of each check, in the order of {@link #checks}: looked up once, not per file. */
    private final List<CheckInfo> infos;
    /** For each check, the hooks it overrides; the others are empty and are not called. */
    private final List<Hooks> hooks;
    private final AtomicLongArray checkNanos;
    /** Set by {@link #timingChecks}; the management classes are loaded only for timed runs. */
    private ThreadMXBean threads;

    public Analyzer(Catalog catalog, List<Check> checks, ScanConfig config, Profile profile, Set<String> baseline) {
        this.catalog = catalog;
        this.config = config;
        this.profile = profile;
        this.baseline = Set.copyOf(baseline);
        this.checks = checks.stream()
                .filter(c -> config.enabled(c.id()))
                .filter(c -> profile.runs(info(c)))
                .toList();
        this.infos = this.checks.stream().map(this::info).toList();
        // A check with nothing to look for (a policy check without a policy) is handed nothing.
        this.hooks = this.checks.stream().map(c -> c.active() ? Hooks.of(c) : Hooks.NONE).toList();
        this.checkNanos = new AtomicLongArray(this.checks.size());
    }

    /**
     * Which hooks of {@link Check} a check overrides. Most checks judge steps only, or jobs only: a check is
     * not handed the jobs and steps of every file, each in a new context, only to do nothing with them.
     */
    private record Hooks(boolean workflow, boolean job, boolean step, boolean uses, boolean action,
                         boolean cloudRole, boolean dependabot, boolean preCommit, boolean gitlab, boolean azure, boolean circleci,
                         boolean bitbucket, boolean jenkins, boolean githubSettings, boolean gitlabSettings) {
        static final Hooks NONE = new Hooks(false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false);

        static Hooks of(Check check) {
            return new Hooks(overrides(check, "workflow", WorkflowContext.class),
                    overrides(check, "job", JobContext.class), overrides(check, "step", StepContext.class),
                    overrides(check, "uses", UsesContext.class), overrides(check, "action", ActionContext.class),
                    overrides(check, "cloudRole", CloudRoleContext.class),
                    overrides(check, "dependabot", DependabotContext.class),
                    overrides(check, "preCommit", PreCommitContext.class),
                    overrides(check, "gitlab", GitlabContext.class),
                    overrides(check, "azure", AzureContext.class),
                    overrides(check, "circleci", CircleciContext.class),
                    overrides(check, "bitbucket", BitbucketContext.class),
                    overrides(check, "jenkins", JenkinsContext.class),
                    overrides(check, "githubSettings", GithubSettingsContext.class),
                    overrides(check, "gitlabSettings", GitlabSettingsContext.class));
        }

        private static boolean overrides(Check check, String hook, Class<?> context) {
            try {
                return check.getClass().getMethod(hook, context, FindingSink.class).getDeclaringClass() != Check.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Check has no hook " + hook, e);
            }
        }

        boolean inJobs() {
            return job || step || uses;
        }

        boolean inSteps() {
            return step || uses;
        }
    }

    private CheckInfo info(Check check) {
        return catalog.check(check.id())
                .orElseThrow(() -> new IllegalStateException("check " + check.id() + " has no catalog entry"));
    }

    public AnalysisResult analyze(Inventory inventory) {
        List<Unit> units = units(inventory);
        List<UnitResult> results = runUnits(units, inventory);
        List<Finding> raw = new ArrayList<>();
        List<ReadProblem> failures = new ArrayList<>();
        for (UnitResult result : results) {
            raw.addAll(result.findings());
            failures.addAll(result.failures());
        }
        List<Finding> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // By file and line, so that a finding looks only at the lines it spans: files of thousands of findings and
        // suppressions stay fast.
        Map<String, NavigableMap<Integer, List<Suppression>>> suppressionsByPath = new HashMap<>();
        for (Suppression s : inventory.suppressions()) {
            suppressionsByPath.computeIfAbsent(s.path(), k -> new TreeMap<>())
                    .computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s);
        }
        AliasCopies aliasCopies = new AliasCopies(inventory.aliasUses());
        int suppressed = 0;
        int baselined = 0;
        for (Finding found : raw) {
            if (!profile.shows(found.confidence()) || !seen.add(found.fingerprint() + found.location())) {
                continue;
            }
            // A finding in an alias's copy shows the anchored text; the alias says which copy, and a comment on the
            // alias's line silences that copy alone.
            AliasUse alias = aliasCopies.placing(found.location());
            Finding finding = alias == null ? found : found.withRelated(AliasCopies.related(alias));
            NavigableMap<Integer, List<Suppression>> fileSuppressions = suppressionsByPath.get(found.location().path());
            if (isSuppressed(finding.checkId(), finding.location(), fileSuppressions)
                    || alias != null && isSuppressed(finding.checkId(), alias.site(), fileSuppressions)) {
                suppressed++;
                continue;
            }
            if (baseline.contains(finding.fingerprint())) {
                baselined++;
                continue;
            }
            var override = config.severityOverrides().get(finding.checkId());
            kept.add(override == null ? finding : finding.withSeverity(override));
        }
        kept.sort(ORDER);
        List<CheckInfo> ran = checks.stream().map(this::info).toList();
        return new AnalysisResult(kept, ran, suppressed, baselined, failures, idle(units, results));
    }

    /**
     * The checks none of whose hooks had a unit to run on (no workflow or action, no cloud role, no Dependabot,
     * pre-commit, GitLab CI, Azure Pipelines, CircleCI or Bitbucket Pipelines file, no Jenkinsfile),
     * those the configuration gives nothing to look for, and those that count only what they meet and met nothing.
     */
    private Set<String> idle(List<Unit> units, List<UnitResult> results) {
        boolean pipelines = units.stream().anyMatch(u -> u instanceof WorkflowUnit || u instanceof ActionUnit);
        boolean roles = units.stream().anyMatch(u -> u instanceof RoleUnit);
        List<FileUnit> files = units.stream().filter(FileUnit.class::isInstance).map(FileUnit.class::cast).toList();
        Set<String> idle = new HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            Hooks h = hooks.get(i);
            boolean busy = pipelines && (h.workflow() || h.inJobs() || h.action()) || roles && h.cloudRole()
                    || files.stream().anyMatch(f -> f.wanted().test(h));
            if (!busy || checks.get(i).verifiesOnlyWhatItMeets() && !met(results, i)) {
                idle.add(checks.get(i).id());
            }
        }
        return idle;
    }

    /**
     * Measures the processor time of each check from now on, for {@link #checkTimes}. Off by default: the
     * measurement costs a system call per check and file.
     */
    public Analyzer timingChecks() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        this.threads = bean.isCurrentThreadCpuTimeSupported() ? bean : null;
        return this;
    }

    /**
     * Processor time spent in each check over the last {@link #analyze} (summed over threads), slowest first,
     * when {@link #timingChecks} was called; for {@code scan --timings}.
     */
    public List<Map.Entry<String, Duration>> checkTimes() {
        List<Map.Entry<String, Duration>> times = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            times.add(Map.entry(checks.get(i).id(), Duration.ofNanos(checkNanos.get(i))));
        }
        times.sort(Map.Entry.<String, Duration>comparingByValue().reversed());
        return times;
    }

    /** One file's worth of checking: a workflow, an action definition or a cloud role. */
    private interface Unit {
        Location location();

        void run(Check check, Hooks hooks, Derived derived, FindingSink sink);
    }

    private static boolean met(List<UnitResult> results, int check) {
        return results.stream().anyMatch(r -> r.met()[check]);
    }

    /** @param met by check, whether the check met something of its kind in the unit ({@link FindingSink#met()}) */
    private record UnitResult(List<Finding> findings, List<ReadProblem> failures, boolean[] met) {
    }

    private List<Unit> units(Inventory inventory) {
        List<Unit> units = new ArrayList<>();
        for (Workflow workflow : inventory.workflows()) {
            if (!config.ignores(workflow.path())) {
                units.add(new WorkflowUnit(inventory, workflow));
            }
        }
        for (ActionDefinition action : inventory.actions()) {
            if (!config.ignores(action.path())) {
                units.add(new ActionUnit(inventory, action));
            }
        }
        for (CloudRole role : inventory.cloudRoles()) {
            if (!config.ignores(role.location().path())) {
                units.add(new RoleUnit(inventory, role));
            }
        }
        for (DependabotConfig file : inventory.dependabot()) {
            fileUnit(units, file.path(), file.location(), Hooks::dependabot,
                    (check, derived, sink) -> check.dependabot(new DependabotContext(inventory, file, derived), sink));
        }
        for (PreCommitConfig file : inventory.preCommit()) {
            fileUnit(units, file.path(), file.location(), Hooks::preCommit,
                    (check, derived, sink) -> check.preCommit(new PreCommitContext(inventory, file, derived), sink));
        }
        for (GitlabPipeline file : inventory.gitlab()) {
            fileUnit(units, file.path(), file.location(), Hooks::gitlab,
                    (check, derived, sink) -> check.gitlab(new GitlabContext(inventory, file, derived), sink));
        }
        for (AzurePipeline file : inventory.azure()) {
            fileUnit(units, file.path(), file.location(), Hooks::azure,
                    (check, derived, sink) -> check.azure(new AzureContext(inventory, file, derived), sink));
        }
        for (CircleciConfig file : inventory.circleci()) {
            fileUnit(units, file.path(), file.location(), Hooks::circleci,
                    (check, derived, sink) -> check.circleci(new CircleciContext(inventory, file, derived), sink));
        }
        for (BitbucketPipeline file : inventory.bitbucket()) {
            fileUnit(units, file.path(), file.location(), Hooks::bitbucket,
                    (check, derived, sink) -> check.bitbucket(new BitbucketContext(inventory, file, derived), sink));
        }
        for (JenkinsPipeline file : inventory.jenkins()) {
            fileUnit(units, file.path(), file.location(), Hooks::jenkins,
                    (check, derived, sink) -> check.jenkins(new JenkinsContext(inventory, file, derived), sink));
        }
        for (GithubSettings file : inventory.githubSettings()) {
            fileUnit(units, file.path(), file.location(), Hooks::githubSettings,
                    (check, derived, sink) -> check.githubSettings(new GithubSettingsContext(inventory, file, derived), sink));
        }
        for (GitlabSettings file : inventory.gitlabSettings()) {
            fileUnit(units, file.path(), file.location(), Hooks::gitlabSettings,
                    (check, derived, sink) -> check.gitlabSettings(new GitlabSettingsContext(inventory, file, derived), sink));
        }
        return units;
    }

    /** Adds the unit of a file handed whole to one hook, unless the configuration ignores the file. */
    private void fileUnit(List<Unit> units, String path, Location location, java.util.function.Predicate<Hooks> wanted,
                          FileUnit.Hook hook) {
        if (!config.ignores(path)) {
            units.add(new FileUnit(location, wanted, hook));
        }
    }

    /**
     * Files are shared out to one worker per core as each finishes its last, so a few large workflows do
     * not leave a core idle. Each worker keeps its own derived facts: facts about one file are mostly
     * needed only by the checks of that file, and no analysis is shared between threads. Results are
     * gathered in file order, so the outcome does not depend on the scheduling.
     */
    private List<UnitResult> runUnits(List<Unit> units, Inventory inventory) {
        UnitResult[] results = new UnitResult[units.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Runnable worker = () -> {
            Derived derived = new Derived();
            long[] nanos = new long[checks.size()];
            try {
                for (int u = next.getAndIncrement(); u < units.size(); u = next.getAndIncrement()) {
                    results[u] = runUnit(units.get(u), derived, nanos);
                }
            } catch (Throwable e) {
                crash.compareAndSet(null, e);
                next.set(units.size());
            }
            for (int i = 0; i < nanos.length; i++) {
                checkNanos.addAndGet(i, nanos[i]);
            }
        };
        for (int i = 0; i < checks.size(); i++) {
            checkNanos.set(i, 0L);
        }
        int workers = Math.max(1, Math.min(units.size(), Runtime.getRuntime().availableProcessors()));
        List<Thread> threads = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            // A deep stack as the main thread has, for deeply nested expressions.
            Thread thread = new Thread(null, worker, "cimatrix-check-" + w, 16L << 20);
            thread.start();
            threads.add(thread);
        }
        worker.run();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking", e);
            }
        }
        if (crash.get() instanceof Error error) {
            throw error;
        } else if (crash.get() != null) {
            throw new IllegalStateException("checking failed", crash.get());
        }
        return List.of(results);
    }

    private UnitResult runUnit(Unit unit, Derived derived, long[] nanos) {
        List<Finding> raw = new ArrayList<>();
        List<ReadProblem> failures = new ArrayList<>();
        boolean[] met = new boolean[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            Hooks checkHooks = hooks.get(i);
            FindingSink sink = new ListSink(infos.get(i), raw, met, i);
            if (threads != null) {
                long started = threads.getCurrentThreadCpuTime();
                guarded(unit, check, checkHooks, derived, sink, failures);
                nanos[i] += threads.getCurrentThreadCpuTime() - started;
            } else {
                guarded(unit, check, checkHooks, derived, sink, failures);
            }
        }
        return new UnitResult(raw, failures, met);
    }

    /** The step hook with the step's context, then the uses hook with its reference, as the check has them. */
    private static void runStep(Check check, Hooks hooks, Inventory inventory, Workflow workflow, Job job,
                                ActionDefinition action, Step step, Derived derived, FindingSink sink) {
        if (hooks.step()) {
            check.step(new StepContext(inventory, workflow, job, action, step, derived), sink);
        }
        if (hooks.uses() && step.uses() != null) {
            check.uses(new UsesContext(inventory, action != null ? action.path() : workflow.path(), step.uses(), derived), sink);
        }
    }

    private record WorkflowUnit(Inventory inventory, Workflow workflow) implements Unit {
        @Override
        public Location location() {
            return workflow.location();
        }

        @Override
        public void run(Check check, Hooks hooks, Derived derived, FindingSink sink) {
            if (hooks.workflow()) {
                check.workflow(new WorkflowContext(inventory, workflow, derived), sink);
            }
            if (!hooks.inJobs()) {
                return;
            }
            // Walked once for every check: by index, so no iterator is made each time.
            List<Job> jobs = workflow.jobs();
            for (int j = 0; j < jobs.size(); j++) {
                Job job = jobs.get(j);
                if (hooks.job()) {
                    check.job(new JobContext(inventory, workflow, job, derived), sink);
                }
                if (hooks.uses() && job.uses() != null) {
                    check.uses(new UsesContext(inventory, workflow.path(), job.uses(), derived), sink);
                }
                if (hooks.inSteps()) {
                    List<Step> steps = job.steps();
                    for (int i = 0; i < steps.size(); i++) {
                        runStep(check, hooks, inventory, workflow, job, null, steps.get(i), derived, sink);
                    }
                }
            }
        }
    }

    private record ActionUnit(Inventory inventory, ActionDefinition action) implements Unit {
        @Override
        public Location location() {
            return action.location();
        }

        @Override
        public void run(Check check, Hooks hooks, Derived derived, FindingSink sink) {
            if (hooks.action()) {
                check.action(new ActionContext(inventory, action, derived), sink);
            }
            if (hooks.inSteps()) {
                List<Step> steps = action.steps();
                for (int i = 0; i < steps.size(); i++) {
                    runStep(check, hooks, inventory, null, null, action, steps.get(i), derived, sink);
                }
            }
        }
    }

    /**
     * A file of a kind that one hook takes whole (a Dependabot, pre-commit, GitLab CI, Azure Pipelines, CircleCI or
     * Bitbucket Pipelines file): the checks that override {@code wanted}'s hook get it.
     */
    private record FileUnit(Location location, java.util.function.Predicate<Hooks> wanted, Hook hook) implements Unit {
        /** Calls the file's hook of a check with its context. */
        @FunctionalInterface
        interface Hook {
            void run(Check check, Derived derived, FindingSink sink);
        }

        @Override
        public void run(Check check, Hooks hooks, Derived derived, FindingSink sink) {
            if (wanted.test(hooks)) {
                hook.run(check, derived, sink);
            }
        }
    }

    private record RoleUnit(Inventory inventory, CloudRole role) implements Unit {
        @Override
        public Location location() {
            return role.location();
        }

        @Override
        public void run(Check check, Hooks hooks, Derived derived, FindingSink sink) {
            if (hooks.cloudRole()) {
                check.cloudRole(new CloudRoleContext(inventory, role, derived), sink);
            }
        }
    }

    /*
     * Runs once for every check on every file, so it takes its arguments rather than a lambda: a capturing
     * lambda is made by a slow path in the JIT of a short run.
     */
    private static void guarded(Unit unit, Check check, Hooks hooks, Derived derived, FindingSink sink,
                                List<ReadProblem> failures) {
        try {
            unit.run(check, hooks, derived, sink);
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(new ReadProblem(Location.line(unit.location().path(), 1, ""),
                    "check " + check.id() + " failed on this file: " + e, false));
        }
    }

    /** The findings of one check on one file, into the file's list; that it met its subject, into {@code metByCheck}. */
    private record ListSink(CheckInfo info, List<Finding> into, boolean[] metByCheck, int check) implements FindingSink {
        @Override
        public FindingBuilder at(Location primary) {
            return new FindingBuilder(info, primary, into::add);
        }

        @Override
        public void met() {
            metByCheck[check] = true;
        }
    }

    /** An inline {@code # cimatrix: ignore[check-id] reason} on any line of the span. */
    private static boolean isSuppressed(String checkId, Location at, NavigableMap<Integer, List<Suppression>> byLine) {
        if (byLine == null || at.endLine() < at.startLine()) {
            return false;
        }
        for (List<Suppression> onLine : byLine.subMap(at.startLine(), true, at.endLine(), true).values()) {
            for (Suppression s : onLine) {
                if (s.checkIds().isEmpty() || s.checkIds().contains(checkId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** For tests and tools: a sink that collects into a list. */
    public static FindingSink collecting(CheckInfo info, Consumer<Finding> into) {
        return at -> new FindingBuilder(info, at, into);
    }
}
