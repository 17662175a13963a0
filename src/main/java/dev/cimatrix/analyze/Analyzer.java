package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Suppression;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    public Analyzer(Catalog catalog, List<Check> checks, ScanConfig config, Profile profile, Set<String> baseline) {
        this.catalog = catalog;
        this.config = config;
        this.profile = profile;
        this.baseline = Set.copyOf(baseline);
        this.checks = checks.stream()
                .filter(c -> config.enabled(c.id()))
                .filter(c -> profile.runs(info(c)))
                .toList();
    }

    private CheckInfo info(Check check) {
        return catalog.check(check.id())
                .orElseThrow(() -> new IllegalStateException("check " + check.id() + " has no catalog entry"));
    }

    public AnalysisResult analyze(Inventory inventory) {
        // Checks run in as many groups as there are cores. Each group has its own derived facts, so no
        // analysis is shared between threads; the result is sorted afterwards and so is the same either way.
        int groups = Math.max(1, Math.min(checks.size(), Runtime.getRuntime().availableProcessors()));
        List<List<Check>> partition = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            partition.add(new ArrayList<>());
        }
        for (int i = 0; i < checks.size(); i++) {
            partition.get(i % groups).add(checks.get(i));
        }
        List<Finding> raw = new ArrayList<>();
        List<ReadProblem> failures = new ArrayList<>();
        List<GroupResult> results = partition.parallelStream().map(group -> runGroup(group, inventory)).toList();
        for (GroupResult result : results) {
            raw.addAll(result.findings());
            failures.addAll(result.failures());
        }
        List<Finding> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int suppressed = 0;
        int baselined = 0;
        for (Finding finding : raw) {
            if (!profile.shows(finding.confidence()) || !seen.add(finding.fingerprint() + finding.location())) {
                continue;
            }
            if (isSuppressed(finding, inventory.suppressions())) {
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
        return new AnalysisResult(kept, ran, suppressed, baselined, failures);
    }

    private record GroupResult(List<Finding> findings, List<ReadProblem> failures) {
    }

    private GroupResult runGroup(List<Check> group, Inventory inventory) {
        Derived derived = new Derived();
        List<Finding> raw = new ArrayList<>();
        List<ReadProblem> failures = new ArrayList<>();
        for (Check check : group) {
            CheckInfo info = info(check);
            FindingSink sink = at -> new FindingBuilder(info, at, raw::add);
            for (Workflow workflow : inventory.workflows()) {
                if (config.ignores(workflow.path())) {
                    continue;
                }
                guarded(check, workflow.location(), failures, () -> {
                    check.workflow(new WorkflowContext(inventory, workflow, derived), sink);
                    for (Job job : workflow.jobs()) {
                        check.job(new JobContext(inventory, workflow, job, derived), sink);
                        if (job.uses() != null) {
                            check.uses(job.uses(), sink);
                        }
                        for (Step step : job.steps()) {
                            check.step(new StepContext(inventory, workflow, job, null, step, derived), sink);
                            if (step.uses() != null) {
                                check.uses(step.uses(), sink);
                            }
                        }
                    }
                });
            }
            for (ActionDefinition action : inventory.actions()) {
                if (config.ignores(action.path())) {
                    continue;
                }
                guarded(check, action.location(), failures, () -> {
                    check.action(new ActionContext(inventory, action, derived), sink);
                    for (Step step : action.steps()) {
                        check.step(new StepContext(inventory, null, null, action, step, derived), sink);
                        if (step.uses() != null) {
                            check.uses(step.uses(), sink);
                        }
                    }
                });
            }
            for (CloudRole role : inventory.cloudRoles()) {
                if (config.ignores(role.location().path())) {
                    continue;
                }
                guarded(check, role.location(), failures,
                        () -> check.cloudRole(new CloudRoleContext(inventory, role, derived), sink));
            }
        }
        return new GroupResult(raw, failures);
    }

    private static void guarded(Check check, Location where, List<ReadProblem> failures, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(new ReadProblem(Location.line(where.path(), 1, ""),
                    "check " + check.id() + " failed on this file: " + e, false));
        }
    }

    /** An inline {@code # cimatrix: ignore[check-id] reason} on any line of the finding's span. */
    private static boolean isSuppressed(Finding finding, List<Suppression> suppressions) {
        Location at = finding.location();
        for (Suppression s : suppressions) {
            if (s.path().equals(at.path()) && at.contains(s.line())
                    && (s.checkIds().isEmpty() || s.checkIds().contains(finding.checkId()))) {
                return true;
            }
        }
        return false;
    }

    /** For tests and tools: a sink that collects into a list. */
    public static FindingSink collecting(CheckInfo info, Consumer<Finding> into) {
        return at -> new FindingBuilder(info, at, into);
    }
}
