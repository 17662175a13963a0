package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.SameLine;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.TriggerModel;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the steps of a job that check out code an outsider controls under a given trigger: actions/checkout
 * with a pull request's ref or repository, and shell commands that fetch or check out pull request refs.
 */
public final class Checkouts {
    /** {@code gh pr checkout}, which always checks out a pull request. */
    private static final Pattern GH_CHECKOUT = Pattern.compile("gh\\s+pr\\s+checkout", Pattern.CASE_INSENSITIVE);
    /** A git command that fetches or checks out: a pull request's when {@link #PULL_REQUEST_REF} follows it. */
    private static final Pattern GIT_CHECKOUT = Pattern.compile("git\\s+(?:fetch|checkout|switch|pull)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PULL_REQUEST_REF = Pattern.compile(
            "pull/|head\\.(?:sha|ref)|head_ref|head_sha|head_branch|pr[_-]?(?:number|ref|branch)", Pattern.CASE_INSENSITIVE);
    /** Each checkout command starts with one of these words. */
    private static final TextSearch CHECKOUT_WORDS = TextSearch.anyOf("gh", "git");

    private static final String REQUIRES_LABEL = "requires a label";

    /** A checkout of attacker code, where it is written and why it is the attacker's. */
    public record UntrustedCheckout(Step step, Location location, String reason) {
        /** The workspace folder the code is checked out into ({@code path: pr}), or empty for the workspace itself. */
        public Optional<String> folder() {
            return step.uses("actions/checkout") ? Folders.subfolder(step.inputValue("path").orElse(null)) : Optional.empty();
        }
    }

    /** A job of a workflow privileged for outsiders that checks out their code: the trigger and the checkouts. */
    public record PrivilegedCheckout(String trigger, List<UntrustedCheckout> checkouts) {
        public UntrustedCheckout first() {
            return checkouts.get(0);
        }

        /**
         * Whether a later step of the job may run the checked-out code: some checkout before it fills the workspace
         * itself, or the step works in or names a folder one fills, and the step does more than hand python, node or
         * ruby script files from outside the checked-out tree.
         */
        public boolean reaches(Job job, Step step) {
            for (UntrustedCheckout checkout : checkouts) {
                if (checkout.step().index() >= step.index()) {
                    continue;
                }
                Optional<String> folder = checkout.folder();
                if (folder.isPresent() && !Folders.touches(job, step, folder.get())) {
                    continue;
                }
                // A script that only hands interpreters files from elsewhere reads the tree as data.
                boolean scriptsFromElsewhere = step.run() != null
                        && Folders.runsOnlyScriptsOutside(step.run().value(), job.workingDirectory(step), folder.orElse(null));
                if (!scriptsFromElsewhere) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The untrusted checkouts of a job whose workflow runs with privileges for events outsiders cause. */
    public static Optional<PrivilegedCheckout> inPrivilegedJob(JobContext context) {
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Optional<String> trigger = Triggers.privilegedForOutsiders(taint.triggers(WorkflowTaint.Scope.of(context.workflow(), context.job(), null)));
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        List<UntrustedCheckout> checkouts = untrusted(context.job(), trigger.get());
        return checkouts.isEmpty() ? Optional.empty() : Optional.of(new PrivilegedCheckout(trigger.get(), checkouts));
    }

    /**
     * A condition or environment that may keep outsiders from reaching the job.
     *
     * @param shutsOutForks the condition is false for every pull request from a fork, so only people who can push
     *                      to the repository reach the job
     */
    public record Gate(Location location, String description, boolean shutsOutForks) {
        Gate(Location location, String description) {
            this(location, description, false);
        }

        /**
         * Marks a finding of the gated job: a gate lowers confidence, it does not remove the risk. A condition that
         * no fork passes lowers it to low: the finding stays for an audit but leaves the regular view.
         */
        public void lower(FindingBuilder finding) {
            if (shutsOutForks) {
                finding.related(location, description + ": no outsider's code gets here");
                finding.confidence(Confidence.LOW);
                return;
            }
            finding.related(location, description + ": lowers confidence, does not remove the risk");
            finding.lowerConfidence();
        }
    }

    /**
     * Whether a condition is false for every run on a fork's pull request, whatever the repository is called: the
     * head repository (of {@code pull_request(_target)}, or of the run a {@code workflow_run} follows) is a fork,
     * owned by someone else. The repository's own name is tried as each name the condition spells out, since a
     * condition such as {@code github.repository == 'org/project'} only tells copies of a workflow apart.
     */
    public static boolean shutsOutForks(Expr condition) {
        Set<String> names = new LinkedHashSet<>(List.of("owner/project"));
        stringLiterals(condition, names);
        for (String name : names) {
            int slash = name.indexOf('/');
            String owner = slash < 0 ? name : name.substring(0, slash);
            String repository = slash < 0 ? name + "/project" : name;
            String outsider = "outsider-" + owner;
            ContextValues forkRun = ContextValues.of(Map.ofEntries(
                    Map.entry("github.repository", repository),
                    Map.entry("github.repository_owner", owner),
                    Map.entry("github.event.repository.full_name", repository),
                    Map.entry("github.event.pull_request.base.repo.full_name", repository),
                    Map.entry("github.event.pull_request.head.repo.full_name", outsider + "/project"),
                    Map.entry("github.event.pull_request.head.repo.fork", true),
                    Map.entry("github.event.pull_request.head.repo.owner.login", outsider),
                    Map.entry("github.event.workflow_run.repository.full_name", repository),
                    Map.entry("github.event.workflow_run.head_repository.full_name", outsider + "/project"),
                    Map.entry("github.event.workflow_run.head_repository.fork", true),
                    Map.entry("github.event.workflow_run.head_repository.owner.login", outsider)));
            if (new ConditionFolder(forkRun).fold(condition) != Truth.ALWAYS_FALSE) {
                return false;
            }
        }
        return true;
    }

    private static void stringLiterals(Expr expr, Set<String> out) {
        if (expr instanceof Literal l && l.value() instanceof String text && !text.isBlank() && out.size() < 32) {
            out.add(text.strip());
        }
        expr.children().forEach(child -> stringLiterals(child, out));
    }

    private Checkouts() {
    }

    public static List<UntrustedCheckout> untrusted(Job job, String trigger) {
        List<UntrustedCheckout> found = new ArrayList<>();
        for (Step step : job.steps()) {
            if (step.uses("actions/checkout")) {
                Optional<Scalar> ref = step.input("ref").map(kv -> kv.value());
                Optional<Scalar> repository = step.input("repository").map(kv -> kv.value());
                for (Scalar value : new Scalar[] {ref.orElse(null), repository.orElse(null)}) {
                    if (value == null) {
                        continue;
                    }
                    TriggerModel.Checkout verdict = TriggerModel.github().checkout(trigger, value.value(), paths(value));
                    if (verdict.verdict() == TriggerModel.CheckoutVerdict.ATTACKER_CODE) {
                        found.add(new UntrustedCheckout(step, value.location(), verdict.reason()));
                        break;
                    }
                }
            } else if (step.run() != null && checksOutPullRequest(step.run().value())) {
                found.add(new UntrustedCheckout(step, step.run().location(),
                        "the script fetches or checks out a pull request's ref"));
            }
        }
        return found;
    }

    /** Whether a script checks out a pull request: {@code gh pr checkout}, or a git command naming its ref. */
    static boolean checksOutPullRequest(String script) {
        return CHECKOUT_WORDS.foundIn(script) && (GH_CHECKOUT.matcher(script).find()
                || SameLine.anyAfterCommand(GIT_CHECKOUT, PULL_REQUEST_REF, script));
    }

    /**
     * Conditions, environments and activity types in front of a step that may stop outsiders; they lower
     * confidence.
     */
    public static List<Gate> gates(JobContext context, Step step) {
        Job job = context.job();
        List<Gate> gates = new ArrayList<>();
        gate(job.condition(), "the job").ifPresent(gates::add);
        if (step != null) {
            gate(step.condition(), "the step").ifPresent(gates::add);
        }
        // A condition on a label and a trigger on labeling are one gate: the same act of a maintainer opens both.
        boolean labelCondition = gates.stream().anyMatch(g -> g.description().endsWith(REQUIRES_LABEL));
        insiderActivity(context.workflow())
                .filter(t -> !(labelCondition && t.types().contains("labeled")))
                .ifPresent(t -> gates.add(new Gate(t.location(), "the workflow runs on " + t.event() + " only when "
                        + "someone with triage or write access acts (" + String.join(", ", t.types()) + ")")));
        if (job.environment() != null) {
            gates.add(new Gate(job.environment().location(), "the job runs in environment '" + job.environment().value()
                    + "', which may require a reviewer"));
        }
        return gates;
    }

    /**
     * The first of the workflow's own privileged outsider triggers, when each listens only for activity types that need
     * triage or write access ({@code pull_request_target} with {@code types: [labeled]}): someone with access
     * starts the run, though the pull request may change between their action and the checkout.
     */
    private static Optional<Trigger> insiderActivity(Workflow workflow) {
        List<Trigger> privileged = workflow.triggers().stream()
                .filter(t -> TriggerModel.github().trigger(t.event()).filter(TriggerModel.Trigger::privilegedForOutsiders)
                        .isPresent())
                .toList();
        boolean insidersOnly = !privileged.isEmpty() && privileged.stream().allMatch(
                t -> TriggerModel.github().trigger(t.event()).orElseThrow().onlyInsidersStart(t.types()));
        return insidersOnly ? Optional.of(privileged.get(0)) : Optional.empty();
    }

    private static Optional<Gate> gate(IfCondition condition, String what) {
        if (condition == null) {
            return Optional.empty();
        }
        Location where = condition.text().location();
        Condition parsed = condition.parsed();
        if (parsed != null && parsed.isExpression() && shutsOutForks(parsed.expr())) {
            return Optional.of(new Gate(where, what + " runs for no pull request from a fork", true));
        }
        return gateByWords(condition).map(d -> new Gate(where, what + " " + d));
    }

    private static Optional<String> gateByWords(IfCondition condition) {
        String text = condition.text().value().toLowerCase(Locale.ROOT);
        if (text.contains("author_association")) {
            return Optional.of("checks the author's association");
        }
        if (text.contains("label")) {
            return Optional.of(REQUIRES_LABEL);
        }
        if (text.contains("github.actor") || text.contains("triggering_actor") || text.contains(".user.login")
                || text.contains("sender.login")) {
            return Optional.of("checks who triggered the run");
        }
        if (text.contains("head.repo.full_name") || text.contains("head.repo.fork") || text.contains("head_repository")) {
            return Optional.of("checks where the pull request comes from");
        }
        return Optional.empty();
    }

    private static List<String> paths(Scalar value) {
        List<String> out = new ArrayList<>();
        for (ExpressionUse use : value.expressions()) {
            out.addAll(ContextPaths.readBy(use.expr()));
        }
        return out;
    }
}
