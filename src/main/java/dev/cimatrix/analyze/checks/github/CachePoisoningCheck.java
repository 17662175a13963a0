package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.analyze.checks.github.CacheAwareActions.CacheAction;
import dev.cimatrix.analyze.checks.github.CacheAwareActions.Control;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A release or publishing job that restores a GitHub Actions cache (actions/cache, setup-* actions with
 * caching on, the buildx GHA cache back end). Caches are shared by every run on the default branch and on
 * tags derived from it, so code that runs in any less trusted workflow of the repository (a
 * pull_request_target build, a compromised test dependency) can write an entry that the release restores
 * and ships, as in the Ultralytics compromise of December 2024. Action data: {@code analyze/cache-poisoning.yml}.
 */
public final class CachePoisoningCheck implements Check {
    public static final String ID = "gha-cache-poisoning";

    /** Whether a step restores a cache. */
    /** Whether a step restores a cache: yes, no, an expression decides, or the unread package.json decides. */
    /**
     * Whether a step restores a cache: it does, it may (an expression decides), it does if the unread package.json
     * names its package manager, it does in some releases of the action and the one pinned is not known, or not.
     */
    private enum Caching { ON, MAYBE, MANIFEST, RELEASE, OFF }

    /** Triggers that usually mean a release. */
    private enum ReleaseTrigger { TAG_PUSH, RELEASE_BRANCH_PUSH, RELEASE_EVENT }

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "1", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "0", "off", "");

    /** What the contexts hold in a run for a tag or a release: enough to fold conditions on the ref type. */
    private static final Map<ReleaseTrigger, ContextValues> TAG_RUNS = Map.of(
            ReleaseTrigger.TAG_PUSH, ContextValues.of(Map.of("github.event_name", "push", "github.ref_type", "tag",
                    "github.ref", "refs/tags/v1.0.0", "github.ref_name", "v1.0.0")),
            ReleaseTrigger.RELEASE_EVENT, ContextValues.of(Map.of("github.event_name", "release",
                    "github.ref_type", "tag", "github.ref", "refs/tags/v1.0.0", "github.ref_name", "v1.0.0")));

    private final CacheAwareActions data = CacheAwareActions.DATA;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Workflow workflow = context.workflow();
        Job job = context.job();
        // Most jobs restore no cache; deciding that first spares matching every script for publish commands.
        if (job.steps().stream().noneMatch(this::mayCache)) {
            return;
        }
        Map<ReleaseTrigger, Trigger> releaseTriggers = releaseTriggers(workflow);
        List<Step> publishing = job.steps().stream().filter(this::publishes).toList();
        Optional<Step> ownPublisher = publishing.stream().findFirst();
        // With release triggers the workflow is what makes the job a release's; otherwise its publishing step.
        Optional<Step> publisher = releaseTriggers.isEmpty() ? ownPublisher : Optional.empty();
        // A build job whose artifacts a later job of the workflow downloads and publishes builds the release too.
        Optional<Downstream> downstream = releaseTriggers.isEmpty() && publisher.isEmpty() && uploads(job)
                ? downstreamPublisher(workflow, job) : Optional.empty();
        if (releaseTriggers.isEmpty() && publisher.isEmpty() && downstream.isEmpty()) {
            return;
        }
        // Runs for tags and releases only: conditions on the ref type can be decided.
        List<ContextValues> releaseRuns = TAG_RUNS.keySet().containsAll(releaseTriggers.keySet()) && publisher.isEmpty()
                ? releaseTriggers.keySet().stream().map(TAG_RUNS::get).toList()
                : List.of();
        // A job whose condition is false in every run for a tag or a release (it runs for a branch only) takes no
        // part in a release; one that publishes by itself is judged by that.
        if (!releaseRuns.isEmpty() && ownPublisher.isEmpty() && neverRuns(job, releaseRuns)) {
            return;
        }
        // A job taken for a release only from its triggers, with no artifact or output to hand on, ships nothing
        // visibly; whether it holds anything decides what a poisoned entry can still do.
        Optional<JobPrivileges> idle = ownPublisher.isPresent() ? Optional.empty() : shipsNothing(workflow, job);
        boolean holdsNothing = idle.map(JobPrivileges::holdsNothing).orElse(false);
        boolean contained = holdsNothing && Runners.alwaysHosted(job);
        boolean onKeptRunner = holdsNothing && !contained;
        // What such a job builds goes nowhere; what it holds (secrets, a token) is what a poisoned entry can take.
        boolean onlyHolds = idle.isPresent() && !holdsNothing;
        String why = publisher.map(p -> "step '" + p.label() + "' publishes what this job builds")
                .or(() -> downstream.map(d -> "job '" + d.job().id() + "', which needs this one and downloads "
                        + "artifacts, publishes at step '" + d.step().label() + "'"))
                .orElseGet(() -> "the workflow runs on " + describe(releaseTriggers) + ", which usually means a release");
        String consequence = contained
                ? "would end up in the release, though the job holds no secrets, write token, OIDC token or deploy "
                + "step, uploads no artifact, has no outputs and runs on a fresh hosted runner, so nothing it builds "
                + "leaves the run"
                : onKeptRunner
                ? "would run in this job, which holds nothing to publish with, uploads no artifact and has no "
                + "outputs, but runs on a runner that may keep state between jobs (self-hosted, or a group of "
                + "unknown kind)"
                : onlyHolds
                ? repositoryPush(job).map(push -> "would run in this job, which publishes nothing but pushes what it "
                        + "makes to the repository (step '" + push.label() + "': a branch or pull request others may "
                        + "merge), and holds " + holdings(idle.get()))
                        .orElseGet(() -> "would run in this job, which hands on nothing it builds (no publishing or "
                                + "deploy step, artifact or output), but holds " + holdings(idle.get()))
                : releaseTriggers.isEmpty()
                ? "would end up in what it publishes"
                : "would end up in the release";
        Optional<String> declared = context.inventory().packageManager(workflow.path());
        // Where the job's own publishing is the reason, a cache restored after its last publishing step reaches
        // nothing it published.
        int lastPublishing = publisher.isEmpty() ? Integer.MAX_VALUE : publishing.get(publishing.size() - 1).index();
        for (Step step : job.steps()) {
            ActionRef uses = step.uses();
            if (uses == null || uses.kind() != ActionRef.Kind.REPOSITORY || step.index() > lastPublishing) {
                continue;
            }
            Optional<CacheAction> action = data.cacheAction(uses.nameWithPath());
            if (action.isEmpty()) {
                continue;
            }
            Caching caching = caching(action.get(), step, context.inventory().majorRelease(uses), releaseRuns, declared);
            if (caching == Caching.OFF) {
                continue;
            }
            var finding = findings.at(uses.location()).subject(job.id() + " " + step.label() + " " + uses.nameWithPath())
                    .message("step '" + step.label() + "' of job '" + job.id() + "' " + (caching == Caching.ON
                            ? "restores a cache through " + uses.nameWithPath()
                            : "may restore a cache through " + uses.nameWithPath() + switch (caching) {
                                case MANIFEST -> " (it does when the repository's package.json declares the package "
                                        + "manager it caches for, and the scan did not read that file)";
                                case RELEASE -> " (it does from " + firstVersioned(action.get()) + " on, and the "
                                        + "commit SHA it is pinned to has no release noted after it)";
                                default -> " (an expression decides)";
                            })
                            + ", and " + why + ": an entry written by any less trusted run of the repository " + consequence);
            publisher.or(() -> downstream.map(Downstream::step)).ifPresent(p -> finding.related(
                    p.uses() != null ? p.uses().location() : p.location(), "publishes here"));
            if (publisher.or(() -> downstream.map(Downstream::step)).map(p -> p.run() != null).orElse(false)) {
                // A command found in a script may be a dry run or sit in a branch that does not run.
                finding.lowerConfidence();
            } else if (ownPublisher.isEmpty()
                    && workflow.triggers().stream().anyMatch(t -> t.event().startsWith("pull_request"))) {
                // A CI workflow that also runs for tags, with nothing in this job that publishes.
                finding.lowerConfidence();
            }
            releaseTriggers.values().stream().findFirst().ifPresent(t -> finding.related(t.location(),
                    "usually a release"));
            if (contained) {
                // A poisoned build that never leaves the job cannot reach a release.
                finding.severity(Severity.LOW);
            } else if (onKeptRunner || onlyHolds) {
                // Nothing it builds leaves through the job itself; what the machine keeps for later jobs, or what the
                // job holds, still may.
                finding.severity(Severity.MEDIUM);
            } else if (!outsiderInDefaultScope(context)) {
                // Only runs in the default branch's scope write entries a release restores; none an outsider starts.
                finding.severity(Severity.MEDIUM).clause("no workflow of this repository that an outsider can start "
                        + "runs in the default branch's cache scope, so writing that entry takes a compromise of a "
                        + "trusted run first");
            }
            action.get().controls().stream().map(c -> c.input()).distinct().map(step::input).flatMap(Optional::stream)
                    .forEach(kv -> finding.related(kv.value().location(), "controls caching"));
            finding.property("caching", caching.name().toLowerCase(Locale.ROOT)).report();
        }
    }

    /**
     * Whether a workflow an outsider can start with privileges (pull_request_target, issue_comment, workflow_run…)
     * is among those of the job's repository: such runs share the default branch's cache scope, which tag and
     * release runs restore from, while a fork's pull_request run writes only to its own. True when the workflow's
     * repository folder is unknown (a file scanned alone), since its other workflows are not in view.
     */
    private static boolean outsiderInDefaultScope(JobContext context) {
        Optional<String> folder = Inventory.repositoryFolder(context.workflow().path());
        if (folder.isEmpty()) {
            return true;
        }
        Set<String> footholds = context.derived().get(CachePoisoningCheck.class.getName() + ".footholds",
                () -> foldersWithOutsiderRuns(context.inventory()));
        return footholds.contains(folder.get());
    }

    private static Set<String> foldersWithOutsiderRuns(Inventory inventory) {
        Set<String> folders = new HashSet<>();
        inventory.workflowsByRepositoryFolder().forEach((folder, workflows) -> {
            if (workflows.stream().anyMatch(w -> !Triggers.privilegedOutsider(w).isEmpty())) {
                folders.add(folder);
            }
        });
        return folders;
    }

    /** A later job of the workflow and its step that publishes. */
    private record Downstream(Job job, Step step) {
    }

    private static boolean uploads(Job job) {
        return job.steps().stream().anyMatch(s -> s.uses() != null && s.uses().kind() == ActionRef.Kind.REPOSITORY
                && ArtipackedCheck.UPLOADERS.contains(s.uses().nameWithPath()));
    }

    /**
     * The first job that needs this one, directly or through other jobs, downloads artifacts and has a step that
     * publishes; in the workflow's order.
     */
    private Optional<Downstream> downstreamPublisher(Workflow workflow, Job job) {
        Set<String> upstream = new HashSet<>(Set.of(job.id()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Job later : workflow.jobs()) {
                if (!upstream.contains(later.id()) && later.needs().stream().anyMatch(upstream::contains)) {
                    upstream.add(later.id());
                    grew = true;
                }
            }
        }
        for (Job later : workflow.jobs()) {
            if (later == job || !upstream.contains(later.id()) || later.steps().stream().noneMatch(s -> s.uses("actions/download-artifact"))) {
                continue;
            }
            Optional<Step> step = publisherStep(later);
            if (step.isPresent()) {
                return Optional.of(new Downstream(later, step.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * What a job without a publishing step holds when it ships nothing it builds: no deploy step, no script named
     * for releasing, no artifact or output to hand on, and no credentials that are for publishing (a registry, an
     * environment, an OIDC token, packages or attestations); empty when it may ship something.
     */
    private static Optional<JobPrivileges> shipsNothing(Workflow workflow, Job job) {
        if (!job.outputs().isEmpty() || uploads(job)
                || job.steps().stream().anyMatch(s -> s.run() != null && runsReleaseScript(s.run().value()))) {
            return Optional.empty();
        }
        JobPrivileges privileges = JobPrivileges.of(workflow, job);
        boolean publishing = !privileges.registries().isEmpty() || !privileges.deploySteps().isEmpty()
                || privileges.environment() != null || privileges.idToken()
                || privileges.writeScopes().containsKey("packages") || privileges.writeScopes().containsKey("attestations");
        return publishing ? Optional.empty() : Optional.of(privileges);
    }

    /** {@code git push}, also after options of git itself ({@code git -C site push}); each word is taken one way. */
    private static final Pattern GIT_PUSH = Pattern.compile("\\bgit\\s+(?:-\\S+\\s+(?:(?!push\\b)[^-\\s]\\S*\\s+)?)*push\\b");

    /** The first step of the job that pushes to the repository: a pushing action, or {@code git push} in a script. */
    private Optional<Step> repositoryPush(Job job) {
        return job.steps().stream().filter(step -> step.run() != null ? step.run().value().contains("push")
                        && GIT_PUSH.matcher(step.run().value()).find()
                        : step.uses() != null && step.uses().kind() == ActionRef.Kind.REPOSITORY
                        && data.pushesToRepository(step.uses().nameWithPath()))
                .findFirst();
    }

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[\"'`;&|()]");
    private static final TextSearch RELEASE_WORDS = TextSearch.anyOf("release", "deploy", "publish");
    private static final List<String> SCRIPT_EXTENSIONS = List.of(".sh", ".py", ".js", ".mjs", ".ts", ".ps1", ".rb");

    /**
     * Whether a script names a script file of the repository named for releasing, deploying or publishing
     * ({@code ./release.sh}, {@code bash utils/deploy-site.sh}): in a workflow that runs for releases, what the job
     * ships. One pass over the words, whatever the script holds.
     */
    static boolean runsReleaseScript(String script) {
        if (!RELEASE_WORDS.foundIn(script)) {
            return false;
        }
        for (String word : WHITE_SPACE.split(script)) {
            String file = NOT_IN_A_NAME.matcher(word).replaceAll("");
            file = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (SCRIPT_EXTENSIONS.stream().anyMatch(file::endsWith) && RELEASE_WORDS.foundIn(file)) {
                return true;
            }
        }
        return false;
    }

    /** The first privileges a job holds, for a message. */
    private static String holdings(JobPrivileges privileges) {
        List<String> all = privileges.describe();
        return String.join(", ", all.subList(0, Math.min(3, all.size()))) + (all.size() > 3 ? ", …" : "");
    }

    /** Whether the job's condition folds to false in each of the runs. */
    private static boolean neverRuns(Job job, List<ContextValues> runs) {
        IfCondition condition = job.condition();
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()) {
            return false;
        }
        return runs.stream().allMatch(run -> new ConditionFolder(run).fold(condition.parsed().expr()) == Truth.ALWAYS_FALSE);
    }

    private boolean mayCache(Step step) {
        ActionRef uses = step.uses();
        return uses != null && uses.kind() == ActionRef.Kind.REPOSITORY && data.cacheAction(uses.nameWithPath()).isPresent();
    }

    private static String describe(Map<ReleaseTrigger, Trigger> triggers) {
        List<String> parts = new ArrayList<>();
        triggers.keySet().stream().sorted().forEach(t -> parts.add(switch (t) {
            case TAG_PUSH -> "pushed tags";
            case RELEASE_BRANCH_PUSH -> "pushes to a release branch";
            case RELEASE_EVENT -> "release events";
        }));
        return String.join(" and ", parts);
    }

    private static Map<ReleaseTrigger, Trigger> releaseTriggers(Workflow workflow) {
        Map<ReleaseTrigger, Trigger> out = new EnumMap<>(ReleaseTrigger.class);
        for (Trigger trigger : workflow.triggers()) {
            if (trigger.event().equals("release")) {
                out.putIfAbsent(ReleaseTrigger.RELEASE_EVENT, trigger);
            } else if (trigger.event().equals("push")) {
                if (trigger.tags().stream().anyMatch(t -> !t.startsWith("!"))) {
                    out.putIfAbsent(ReleaseTrigger.TAG_PUSH, trigger);
                }
                if (trigger.branches().stream().anyMatch(b -> !b.startsWith("!")
                        && b.toLowerCase(Locale.ROOT).contains("release"))) {
                    out.putIfAbsent(ReleaseTrigger.RELEASE_BRANCH_PUSH, trigger);
                }
            }
        }
        return out;
    }

    private Optional<Step> publisherStep(Job job) {
        return job.steps().stream().filter(this::publishes).findFirst();
    }

    private boolean publishes(Step step) {
        if (step.run() != null) {
            return data.publishes(step.run().value());
        }
        if (step.uses() == null || step.uses().kind() != ActionRef.Kind.REPOSITORY) {
            return false;
        }
        return data.publisher(step.uses().nameWithPath()).map(p -> (p.when() == null || on(step, p.when(), true))
                        && (p.unless() == null || !on(step, p.unless(), false))
                        && (p.unlessArgs() == null || step.inputValue("args")
                                .map(args -> !p.unlessArgs().matcher(args).find()).orElse(true)))
                .orElse(false);
    }

    /** Whether a boolean input is on; one set by an expression counts as {@code byExpression}. */
    private static boolean on(Step step, String input, boolean byExpression) {
        return step.input(input).map(kv -> kv.value().hasExpressions() ? byExpression
                : TRUE_WORDS.contains(kv.value().value().strip().toLowerCase(Locale.ROOT))).orElse(false);
    }

    private static Caching caching(CacheAction action, Step step, Optional<Integer> major, List<ContextValues> releaseRuns,
                                   Optional<String> declared) {
        if (action.controls().isEmpty()) {
            return Caching.ON;
        }
        if (major.isEmpty() && action.controls().stream().anyMatch(CachePoisoningCheck::versioned)) {
            // A commit SHA with no release noted after it: the controls of recent releases and of older ones may differ.
            Caching recent = caching(action, action.controls().stream().filter(c -> c.belowMajor() == null).toList(),
                    step, major, releaseRuns, declared);
            Caching older = caching(action, action.controls().stream().filter(c -> c.sinceMajor() == null).toList(),
                    step, major, releaseRuns, declared);
            return recent == older ? recent : Caching.RELEASE;
        }
        return caching(action, action.controls(), step, major, releaseRuns, declared);
    }

    private static boolean versioned(Control control) {
        return control.sinceMajor() != null || control.belowMajor() != null;
    }

    /** The first release from which a control of the action applies, for a message: "v4". */
    private static String firstVersioned(CacheAction action) {
        return action.controls().stream().map(Control::sinceMajor).filter(java.util.Objects::nonNull).min(Integer::compare)
                .map(major -> "v" + major).orElse("some release");
    }

    private static Caching caching(CacheAction action, List<Control> controls, Step step, Optional<Integer> major,
                                   List<ContextValues> releaseRuns, Optional<String> declared) {
        if (controls.isEmpty()) {
            return action.all() ? Caching.ON : Caching.OFF;
        }
        List<Caching> states = controls.stream().map(c -> caching(c, step, major, releaseRuns, declared)).toList();
        Caching decisive = action.all() ? Caching.OFF : Caching.ON;
        if (states.contains(decisive)) {
            return decisive;
        }
        if (states.contains(Caching.MAYBE)) {
            return Caching.MAYBE;
        }
        return states.contains(Caching.MANIFEST) ? Caching.MANIFEST : (action.all() ? Caching.ON : Caching.OFF);
    }

    private static Caching caching(Control control, Step step, Optional<Integer> release, List<ContextValues> releaseRuns,
                                   Optional<String> declared) {
        Integer major = release.orElse(null);
        if (major != null && ((control.sinceMajor() != null && major < control.sinceMajor())
                || (control.belowMajor() != null && major >= control.belowMajor()))) {
            return Caching.OFF;
        }
        Optional<KeyValue> input = step.input(control.input());
        if (input.isEmpty()) {
            if (!control.onByDefault()) {
                return Caching.OFF;
            }
            if (control.declared() == null) {
                return Caching.ON;
            }
            return declared.map(name -> name.equals(control.declared()) ? Caching.ON : Caching.OFF).orElse(Caching.MANIFEST);
        }
        Scalar value = input.get().value();
        if (value.hasExpressions() && control.type() == CacheAwareActions.Type.CONTAINS) {
            return containsAroundExpressions(control, value.value());
        }
        if (value.hasExpressions()) {
            return folded(control, value, releaseRuns);
        }
        return literal(control, value.value().strip()) ? Caching.ON : Caching.OFF;
    }

    /** Caching for an input given by an expression, decided when every run is for a tag or release. */
    private static Caching folded(Control control, Scalar value, List<ContextValues> releaseRuns) {
        if (releaseRuns.isEmpty() || !value.isSingleExpression() || control.type() != CacheAwareActions.Type.BOOLEAN) {
            return Caching.MAYBE;
        }
        boolean on = false;
        for (ContextValues run : releaseRuns) {
            Truth truth = new ConditionFolder(run).fold(value.expressions().get(0).expr());
            if (truth == Truth.DEPENDS) {
                return Caching.MAYBE;
            }
            on |= (truth == Truth.ALWAYS_TRUE) != control.optOut();
        }
        return on ? Caching.ON : Caching.OFF;
    }

    /**
     * A list of cache sources, one per line, partly written by expressions ({@code type=registry,ref=x:${{ … }}}).
     * A line whose literal text already holds a listed value restores; a line whose literal start sets its
     * {@code type=} field whole, to another type, does not, whatever the expressions after it expand to; any
     * other line may.
     */
    private static Caching containsAroundExpressions(Control control, String value) {
        Caching result = Caching.OFF;
        for (String line : value.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            int expression = stripped.indexOf("${{");
            String literalStart = (expression < 0 ? stripped : stripped.substring(0, expression)).toLowerCase(Locale.ROOT);
            if (control.values().stream().anyMatch(literalStart::contains)) {
                return control.optOut() ? Caching.OFF : Caching.ON;
            }
            if (expression >= 0 && !LITERAL_TYPE_FIELD.matcher(literalStart).find()) {
                result = Caching.MAYBE;
            }
        }
        return result;
    }

    /** A {@code type=} field written out whole before any expression: a comma closes it. */
    private static final java.util.regex.Pattern LITERAL_TYPE_FIELD = java.util.regex.Pattern.compile("(?:^|,)type=[^,]+,");

    private static boolean literal(Control control, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return switch (control.type()) {
            case BOOLEAN -> control.optOut() ? !TRUE_WORDS.contains(lower) : !FALSE_WORDS.contains(lower);
            case STRING -> !(lower.isEmpty() || lower.equals("false"));
            case ONE_OF -> control.values().stream().anyMatch(v -> v.equalsIgnoreCase(lower)) != control.optOut();
            case CONTAINS -> control.values().stream().anyMatch(lower::contains);
        };
    }
}
