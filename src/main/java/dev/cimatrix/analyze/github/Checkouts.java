package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.SameLine;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.expr.TriggerModel;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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


    /**
     * A checkout of attacker code, where it is written and why it is the attacker's.
     *
     * @param folder the workspace folder the code is checked out into ({@code path: pr}), or empty for the workspace
     *               itself
     * @param moves  why the code checked out is whatever the pull request holds when the step runs, rather than the
     *               commit the event names; empty when it is that commit, or when that cannot be told
     */
    public record UntrustedCheckout(Step step, Location location, String reason, Optional<String> folder,
                                    Optional<String> moves) {
        UntrustedCheckout(Step step, Location location, String reason, Optional<String> moves) {
            this(step, location, reason, step.uses("actions/checkout")
                    ? Folders.subfolder(step.inputValue("path").orElse(null)) : Optional.empty(), moves);
        }
    }

    /** A commit the event itself names: the head SHA of the pull request or of the run followed. */
    private static final Pattern EVENT_COMMIT = Pattern.compile("github\\.event\\.[A-Za-z0-9_.]*(?:\\.sha|_sha)\\b");
    /** A ref that follows the pull request's pushes: its branch, or its refs/pull/ ref (by number). */
    private static final Pattern MOVING_REF = Pattern.compile(
            "refs/pull/|head\\.ref\\b|head_ref\\b|head_branch\\b|\\.number\\b");
    /** A full commit SHA written out. */
    private static final Pattern FULL_SHA = Pattern.compile("\\b[0-9a-fA-F]{40}\\b");
    /** The events whose payload names no commit of the pull request: the job looks the pull request up itself. */
    private static final Set<String> NO_COMMIT_EVENTS = Set.of("issue_comment");

    /**
     * Why a checkout of a pull request's code under {@code trigger} takes whatever the pull request holds when it
     * runs: {@code text} (the ref, or the script) names its branch or refs/pull/ ref, or the event names no commit.
     * Empty when the text names a commit the event carries or a full SHA, and when it is computed out of sight.
     */
    static Optional<String> moves(String trigger, String text) {
        if (text == null) {
            return Optional.of("with a repository and no ref the checkout takes the newest commit of that "
                    + "repository's default branch");
        }
        if (EVENT_COMMIT.matcher(text).find() || FULL_SHA.matcher(text).find()) {
            return Optional.empty();
        }
        if (NO_COMMIT_EVENTS.contains(trigger)) {
            return Optional.of("the " + trigger + " event names no commit and the checkout takes the pull request's "
                    + "newest one when the job runs");
        }
        return MOVING_REF.matcher(text).find() || GH_CHECKOUT.matcher(text).find()
                ? Optional.of("the checkout names the pull request's branch or ref, which takes its newest commit "
                + "when the job runs")
                : Optional.empty();
    }

    /**
     * A job of a workflow privileged for outsiders that checks out their code: the trigger and the checkouts, with
     * where the code goes indexed once for the job's later steps.
     */
    public static final class PrivilegedCheckout {
        private final String trigger;
        private final List<UntrustedCheckout> checkouts;
        /** The index of the first step that checks the code out into the workspace itself, or MAX_VALUE. */
        private final int intoWorkspace;
        /** Each folder code is checked out into, with the index of the first step that does. */
        private final Map<String, Integer> intoFolder = new HashMap<>();
        private final Folders.FolderSet folders;

        PrivilegedCheckout(String trigger, List<UntrustedCheckout> checkouts) {
            this.trigger = trigger;
            this.checkouts = List.copyOf(checkouts);
            int workspace = Integer.MAX_VALUE;
            for (UntrustedCheckout c : checkouts) {
                if (c.folder().isPresent()) {
                    intoFolder.merge(c.folder().get(), c.step().index(), Math::min);
                } else {
                    workspace = Math.min(workspace, c.step().index());
                }
            }
            this.intoWorkspace = workspace;
            this.folders = Folders.FolderSet.of(intoFolder.keySet());
        }

        public String trigger() {
            return trigger;
        }

        public UntrustedCheckout first() {
            return checkouts.get(0);
        }

        /**
         * Why the code the job checks out is whatever the pull request holds when it runs: the first checkout that
         * takes that ({@link UntrustedCheckout#moves}).
         */
        public Optional<String> moves() {
            return checkouts.stream().map(UntrustedCheckout::moves).flatMap(Optional::stream).findFirst();
        }

        /**
         * As {@link #moves()}, for the code a step may run: the first checkout before it that takes whatever the pull
         * request holds.
         */
        public Optional<String> movesBefore(Step step) {
            return checkouts.stream().filter(c -> c.step().index() < step.index() && c.moves().isPresent())
                    .findFirst().flatMap(UntrustedCheckout::moves);
        }

        /**
         * Whether a later step of the job may run the checked-out code: some checkout before it fills the workspace
         * itself, or the step works in or names a folder one fills, and the step does more than hand python, node or
         * ruby script files from outside the checked-out tree. Each folder is weighed once, and only those the step
         * can name at all ({@link Folders#touchedAmong}): a job of thousands of checkouts and steps stays fast.
         */
        public boolean reaches(Job job, Step step) {
            return reaches(job, step, true);
        }

        /** As {@link #reaches(Job, Step)}; with {@code scriptsAsData} false, a script that only hands interpreters
         * files from outside the tree reaches it too. */
        private boolean reaches(Job job, Step step, boolean scriptsAsData) {
            if (intoWorkspace < step.index() && !(scriptsAsData && runsOnlyScriptsOutside(job, step, null))) {
                return true;
            }
            for (String folder : Folders.touchedAmong(job, step, folders)) {
                if (intoFolder.get(folder) < step.index()
                        && !(scriptsAsData && runsOnlyScriptsOutside(job, step, folder))) {
                    return true;
                }
            }
            return false;
        }

        /** A script that only hands interpreters files from elsewhere reads the tree as data. */
        private static boolean runsOnlyScriptsOutside(Job job, Step step, String folder) {
            return step.run() != null && Folders.runsOnlyScriptsOutside(step.run().value(), job.workingDirectory(step),
                    folder);
        }

        /**
         * What a later step runs of the checked-out code, if anything: the executor known to run the tree
         * ({@code npm}, a local action), or "a script" for commands not known to leave it alone; and whether it
         * reaches the folder the code sits in ({@link #reaches}).
         */
        public Optional<Run> run(Job job, Step step) {
            if (step.index() <= first().step().index()) {
                return Optional.empty();
            }
            Optional<String> executor = RepoExecutors.executor(step);
            if (executor.isEmpty() && (step.run() == null || RepoExecutors.runsNothingFromTree(step.run().value()))) {
                return Optional.empty();
            }
            boolean reaches = reaches(job, step);
            // Where it goes into the tree, it only hands interpreters scripts from elsewhere.
            boolean asData = !reaches && reaches(job, step, false);
            return Optional.of(new Run(executor.orElse("a script"), executor.isPresent(), reaches, asData));
        }
    }

    /**
     * A step after an untrusted checkout that may run the checked-out code.
     *
     * @param what          the executor, or "a script"
     * @param knownExecutor the step runs a tool known to run the tree, not only commands not known either way
     * @param reaches       the step works in or names the folder the code sits in, or the code fills the workspace
     * @param asData        the step does work in or name that folder, but only hands python, node or ruby script
     *                      files from outside it, which read the tree as data
     */
    public record Run(String what, boolean knownExecutor, boolean reaches, boolean asData) {
        /**
         * How sure it is that the step runs the pull request's code, before gates: high for a known executor,
         * medium for a script of commands not known to run the tree, one level lower when it does not reach the code,
         * and low when it only hands interpreters scripts from outside the tree: they run the pull request's code
         * only if they load some from the tree by themselves.
         */
        public Confidence confidence() {
            if (asData) {
                return Confidence.LOW;
            }
            Confidence confidence = knownExecutor ? Confidence.HIGH : Confidence.MEDIUM;
            return reaches ? confidence : Confidence.values()[confidence.ordinal() - 1];
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
                        found.add(new UntrustedCheckout(step, value.location(), verdict.reason(),
                                moves(trigger, ref.map(Scalar::value).orElse(null))));
                        break;
                    }
                }
            } else if (step.run() != null && checksOutPullRequest(step.run().value())) {
                found.add(new UntrustedCheckout(step, step.run().location(),
                        "the script fetches or checks out a pull request's ref", moves(trigger, step.run().value())));
            }
        }
        return found;
    }

    /**
     * Under {@code pull_request} alone (of the triggers outsiders cause), the first step of the job that runs the
     * checked-out pull request's code, after an {@code actions/checkout} of the pull request or a script that fetches
     * or checks out its ref: the pull request's author runs what they like there already, and writes the workflow
     * file the fork's run uses.
     */
    public static Optional<Step> pullRequestCodeRun(Job job, Set<String> triggers) {
        List<String> outsiders = Triggers.outsiders(triggers);
        if (job == null || outsiders.isEmpty() || !outsiders.stream().allMatch("pull_request"::equals)) {
            return Optional.empty();
        }
        boolean checkedOut = false;
        for (Step step : job.steps()) {
            // The pull request's merge commit, unless a fixed branch or another repository is asked for.
            boolean checksOut = step.uses("actions/checkout") ? step.inputValue("repository").isEmpty()
                    && step.inputValue("ref").map(ref -> ref.contains("${{")).orElse(true)
                    : step.run() != null && checksOutPullRequest(step.run().value());
            if (checksOut) {
                checkedOut = true;
            } else if (checkedOut && RepoExecutors.executor(step).isPresent()) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * The clause a finding under {@code pull_request} alone adds when the job already runs the pull request's code
     * ({@link #pullRequestCodeRun}): what {@code what} gives the pull request's author is nothing more.
     */
    public static String alreadyRunsPullRequestCode(Step step, String what) {
        return "under pull_request the job already runs the pull request's own code (step '" + step.label()
                + "'), and a fork's run uses the fork's copy of the workflow, so " + what + " gives its author nothing more";
    }

    /** Whether a script checks out a pull request: {@code gh pr checkout}, or a git command naming its ref. */
    static boolean checksOutPullRequest(String script) {
        return CHECKOUT_WORDS.foundIn(script) && (GH_CHECKOUT.matcher(script).find()
                || SameLine.anyAfterCommand(GIT_CHECKOUT, PULL_REQUEST_REF, script));
    }

    private static List<String> paths(Scalar value) {
        List<String> out = new ArrayList<>();
        for (ExpressionUse use : value.expressions()) {
            out.addAll(ContextPaths.readBy(use.expr()));
        }
        return out;
    }
}
