package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.IfConditions;
import dev.cimatrix.analyze.expr.JobStatus;
import dev.cimatrix.analyze.expr.TriggerModel;
import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.IssueForm;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Literal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What stands between an outsider and a job or step: conditions that fail for their runs (a label or association
 * test, a condition that keeps forks out), environments that may need a reviewer, activity types only maintainers
 * cause, and jobs or steps that fail unless the actor may write. A gate lowers a finding's confidence; one that keeps
 * every fork out lowers it to low. An approval (a label, a reviewer, a maintainer's command) lowers nothing where the
 * checkout takes whatever the pull request holds when the job runs, and a label that stays through the author's later
 * pushes lowers nothing at all.
 */
public final class Gates {
    private static final String REQUIRES_LABEL = "requires a label";

    /** A condition or environment that may keep outsiders from reaching the job, and what kind of gate it is. */
    public record Gate(Location location, String description, Kind kind) {
        /** What gets past a gate. */
        public enum Kind {
            /** A condition, environment or step that may stop outsiders: it lowers confidence by one level. */
            PLAIN,
            /** False for every pull request from a fork, so only people who can push to the repository get past. */
            NO_FORKS,
            /**
             * An act of someone with access on the pull request as it is at that moment (a label added, a deployment
             * approved, a command commented), which a push after it outruns where the checkout moves.
             */
            APPROVAL,
            /** A label the pull request carries, which stays through its author's later pushes, each a new run. */
            STANDING_LABEL
        }

        Gate(Location location, String description) {
            this(location, description, Kind.PLAIN);
        }

        public boolean shutsOutForks() {
            return kind == Kind.NO_FORKS;
        }

        /**
         * The kind of a gate made of one gate in front of each of several jobs: what all of them hold back, the
         * weakest hold among them deciding.
         */
        static Kind shared(List<Gate> gates) {
            if (gates.stream().allMatch(g -> g.kind == Kind.NO_FORKS)) {
                return Kind.NO_FORKS;
            }
            if (gates.stream().allMatch(g -> g.kind == Kind.STANDING_LABEL)) {
                return Kind.STANDING_LABEL;
            }
            boolean approvals = gates.stream().allMatch(g -> g.kind == Kind.APPROVAL || g.kind == Kind.STANDING_LABEL);
            return approvals ? Kind.APPROVAL : Kind.PLAIN;
        }

        /**
         * Marks a finding of the gated job: a gate lowers confidence, it does not remove the risk. A condition that
         * no fork passes lowers it to low: the finding stays for an audit but leaves the regular view.
         */
        public void lower(FindingBuilder finding) {
            lower(finding, Optional.empty());
        }

        /**
         * As {@link #lower(FindingBuilder)}, for a job that checks out the pull request's code: when that checkout
         * takes whatever the pull request holds when the job runs ({@code checkoutMoves} says why), an approval
         * does not lower confidence. The attacker opens a harmless pull request, waits for the label or the
         * comment, and pushes before the checkout.
         */
        public void lower(FindingBuilder finding, Optional<String> checkoutMoves) {
            if (kind == Kind.STANDING_LABEL) {
                finding.related(location, description + ": the label stays on the pull request when its author pushes "
                        + "again, and such a push runs the workflow, so each later push gets through unread");
                finding.clause("behind a gate that later pushes pass: " + description);
                finding.property("gateOutrun", "true");
                return;
            }
            if (kind == Kind.APPROVAL && checkoutMoves.isPresent()) {
                finding.related(location, description + ": approves the pull request as it is at that moment, but "
                        + checkoutMoves.get() + ", so a push after the approval is what runs");
                finding.clause("behind a gate that a later push outruns: " + description);
                finding.property("gateOutrun", "true");
                return;
            }
            if (kind == Kind.NO_FORKS) {
                finding.related(location, description + ": no outsider's code gets here");
                finding.clause("behind a gate: " + description + ", so no outsider's code gets here");
                finding.confidence(Confidence.LOW);
                return;
            }
            finding.related(location, description + ": lowers confidence, does not remove the risk");
            finding.clause("behind a gate: " + description);
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
        for (String name : repositoryNames(condition)) {
            if (new ConditionFolder(run(name, true)).fold(condition) != Truth.ALWAYS_FALSE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a condition lets only runs of pull requests from forks through: false for every run whose head is the
     * repository itself, and not for every fork's.
     */
    static boolean letsOnlyForksIn(Expr condition) {
        boolean forkMayPass = false;
        for (String name : repositoryNames(condition)) {
            ConditionFolder own = new ConditionFolder(run(name, false));
            if (own.fold(condition) != Truth.ALWAYS_FALSE) {
                return false;
            }
            forkMayPass |= new ConditionFolder(run(name, true)).fold(condition) != Truth.ALWAYS_FALSE;
        }
        return forkMayPass;
    }

    /**
     * For each event an outsider starts by an act of their own, the event's object that describes them, with its
     * {@code author_association} and {@code user.login}: the comment, issue, pull request, review or discussion of
     * the one who comments, opens or reviews. Other objects (the issue under a comment) describe someone else, whom
     * the outsider can pick.
     */
    private static final Map<String, String> ACTOR_OBJECT = Map.of(
            "issue_comment", "github.event.comment",
            "issues", "github.event.issue",
            "pull_request_target", "github.event.pull_request",
            "pull_request_review", "github.event.review",
            "pull_request_review_comment", "github.event.comment",
            "discussion", "github.event.discussion",
            "discussion_comment", "github.event.comment");
    /** A run for a pull request that was not merged. */
    private static final ContextValues NOT_MERGED = ContextValues.of(Map.of("github.event.pull_request.merged", false));
    /** The associations of people without write access to the repository. */
    private static final List<String> OUTSIDER_ASSOCIATIONS =
            List.of("NONE", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "CONTRIBUTOR", "MANNEQUIN");
    /** Events whose outsider runs come from a fork's pull request. */
    private static final Set<String> FORK_EVENTS = Set.of("pull_request_target", "workflow_run");

    /**
     * Whether a job's condition keeps out every run an outsider starts through this event: it is false for each
     * association of someone without write access to the repository (of the one whose act starts the run) and for
     * any login of theirs that is not one the condition names outright (a login may contain, start or end with a
     * name), or, for events a fork's pull request starts, for every fork, or for every pull request not merged. A label
     * test does not count: an outsider may comment on an issue someone else labelled.
     */
    private static boolean closedToOutsiders(String event, IfCondition condition) {
        if (condition == null || condition.parsed() == null || !condition.parsed().isExpression()) {
            return false;
        }
        Expr expr = condition.parsed().expr();
        // Only a condition that names a repository, a fork, an association or a login can tell an outsider apart.
        String text = condition.text().value().toLowerCase(Locale.ROOT);
        if (FORK_EVENTS.contains(event) && (text.contains("repo") || text.contains("fork")) && shutsOutForks(expr)) {
            return true;
        }
        // Only a merge, which takes write access, closes a pull request as merged.
        if (event.equals("pull_request_target") && text.contains("merged")
                && new ConditionFolder(NOT_MERGED).fold(expr) == Truth.ALWAYS_FALSE) {
            return true;
        }
        String actor = ACTOR_OBJECT.get(event);
        if (actor == null || !text.contains("author_association") && !text.contains("login")) {
            return false;
        }
        Set<String> logins = new LinkedHashSet<>(List.of("an-outsider"));
        Set<String> named = new LinkedHashSet<>();
        stringLiterals(expr, named);
        named.forEach(name -> logins.addAll(List.of(name + "-x", "x-" + name, "x-" + name + "-x")));
        for (String association : OUTSIDER_ASSOCIATIONS) {
            for (String login : logins) {
                // (The run's actor is left unknown: a bot an outsider sets off can be it.)
                Map<String, Object> known = new HashMap<>(JobEvents.facts(event));
                known.put(actor + ".author_association", association);
                known.put(actor + ".user.login", login);
                ContextValues outsider = ContextValues.of(known);
                if (new ConditionFolder(outsider).fold(expr) != Truth.ALWAYS_FALSE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The activity of an issue an outsider opens: the issue opened, and each label its template adds. */
    private static final Set<String> OPENING_TYPES = Set.of("opened", "labeled");

    /**
     * As {@link #closedToOutsiders(String, IfCondition)}, knowing the repository's issue templates when the scan read
     * them. Under {@code issues} only someone with triage access adds a label that no template adds, so a condition
     * that holds only for such a label just added ({@code github.event.label}) keeps outsiders out, and so does one
     * on such a label among the issue's ({@code github.event.issue.labels}) when the trigger listens only for issues
     * opened and labelled: an outsider's issue then carries the labels of the one template they picked, or none.
     */
    public static boolean closedToOutsiders(Trigger trigger, IfCondition condition, Optional<List<IssueForm>> forms) {
        String event = trigger.event();
        if (closedToOutsiders(event, condition)) {
            return true;
        }
        if (!event.equals("issues") || forms.isEmpty() || condition == null || condition.parsed() == null
                || !condition.parsed().isExpression() || !condition.text().value().toLowerCase(Locale.ROOT).contains("label")) {
            return false;
        }
        boolean opening = !trigger.types().isEmpty() && OPENING_TYPES.containsAll(trigger.types());
        // The label sets an outsider's issue can carry: none, or one template's; unknown unless the issue is new.
        List<List<String>> labelSets = new ArrayList<>();
        labelSets.add(List.of());
        forms.get().forEach(form -> labelSets.add(form.labels()));
        for (List<String> labels : opening ? labelSets : List.of(List.<String>of())) {
            List<Map<String, Object>> named = labelObjects(labels);
            List<Object> justAdded = new ArrayList<>();
            justAdded.add(null);
            justAdded.addAll(opening ? named : labelObjects(labelSets.stream().flatMap(List::stream).toList()));
            for (Object label : justAdded) {
                Map<String, Object> known = JobEvents.facts(event);
                known.put("github.event.label", label);
                if (opening) {
                    known.put("github.event.issue.labels", named);
                }
                if (new ConditionFolder(ContextValues.of(known)).fold(condition.parsed().expr()) != Truth.ALWAYS_FALSE) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Labels as the event payload has them: objects with a name. */
    private static List<Map<String, Object>> labelObjects(List<String> names) {
        return names.stream().map(name -> Map.<String, Object>of("name", name)).toList();
    }

    /** The repository names a condition spells out, and a stand-in name for when it spells out none. */
    private static Set<String> repositoryNames(Expr condition) {
        Set<String> names = new LinkedHashSet<>(List.of("owner/project"));
        stringLiterals(condition, names);
        return names;
    }

    /** The contexts of a pull request's run in the repository {@code name}, from a fork or from a branch of its own. */
    private static ContextValues run(String name, boolean fromFork) {
        int slash = name.indexOf('/');
        String owner = slash < 0 ? name : name.substring(0, slash);
        String repository = slash < 0 ? name + "/project" : name;
        String headOwner = fromFork ? "outsider-" + owner : owner;
        String head = fromFork ? headOwner + "/project" : repository;
        return ContextValues.of(Map.ofEntries(
                Map.entry("github.repository", repository),
                Map.entry("github.repository_owner", owner),
                Map.entry("github.event.repository.full_name", repository),
                Map.entry("github.event.pull_request.base.repo.full_name", repository),
                Map.entry("github.event.pull_request.head.repo.full_name", head),
                Map.entry("github.event.pull_request.head.repo.fork", fromFork),
                Map.entry("github.event.pull_request.head.repo.owner.login", headOwner),
                Map.entry("github.event.workflow_run.repository.full_name", repository),
                Map.entry("github.event.workflow_run.head_repository.full_name", head),
                Map.entry("github.event.workflow_run.head_repository.fork", fromFork),
                Map.entry("github.event.workflow_run.head_repository.owner.login", headOwner)));
    }

    /**
     * A job this one needs that fails for outsiders, so that this job is skipped for them: for every pull request
     * from a fork (a step of it, or of a job of the local workflow it calls, runs only for forks and its script ends
     * in {@code exit 1}), or unless the actor has write access ({@link #permissionCheck}). This job's condition
     * must not let it run after such a failure ({@code always()} with no test of the result).
     */
    static Optional<Gate> needsGate(JobContext context) {
        Job job = context.job();
        Optional<Gate> approval = approvalNeeded(context);
        if (approval.isPresent()) {
            return approval;
        }
        for (String need : job.needs()) {
            Optional<Job> needed = context.workflow().job(need);
            if (needed.isEmpty() || runsAfterFailureOf(job, need)) {
                continue;
            }
            Optional<Step> failing = failsForForks(context, needed.get());
            if (failing.isPresent()) {
                Location where = failing.get().run().location();
                return Optional.of(new Gate(where, "the job needs '" + need + "', which fails for pull requests from "
                        + "forks", Gate.Kind.NO_FORKS));
            }
            Optional<Step> check = permissionCheck(needed.get().steps(), Integer.MAX_VALUE);
            if (check.isPresent()) {
                return Optional.of(new Gate(check.get().location(), "the job needs '" + need + "', which fails unless "
                        + "the actor has write access", actorGate(context.workflow())));
            }
        }
        return Optional.empty();
    }

    /** Actions that fail the job unless the actor has the permission they are asked to check. */
    private static final Set<String> PERMISSION_ACTIONS = Set.of("lannonbr/repo-permission-check-action",
            "prince-chrismc/check-actor-permissions-action", "sushichop/action-repository-permission",
            "skjnldsv/check-actor-permission");
    /** A script that asks the API for someone's permission on the repository. */
    private static final Pattern PERMISSION_QUERY = Pattern.compile(
            "collaborators/[^\\s\"'/]+/permission|getCollaboratorPermissionLevel|repos\\.checkCollaborator");
    /** A script that can fail its step. */
    private static final Pattern FAILS = Pattern.compile("\\bexit\\s+[1-9]|setFailed\\s*\\(|\\bthrow\\b");

    /**
     * The first step before {@code before} (a step index) that fails unless the actor has write access: a known
     * permission-check action, a script that asks the API for the actor's permission and can fail, or a step that
     * can fail under a condition on the answer of an earlier one that asked.
     */
    static Optional<Step> permissionCheck(List<Step> steps, int before) {
        List<String> askers = new ArrayList<>();
        for (Step step : steps) {
            if (step.index() >= before) {
                break;
            }
            if (step.uses() != null && PERMISSION_ACTIONS.stream().anyMatch(step::uses)) {
                return Optional.of(step);
            }
            String script = step.run() != null ? step.run().value() : step.inputValue("script").orElse("");
            boolean asks = PERMISSION_QUERY.matcher(script).find();
            String condition = step.condition() == null ? "" : step.condition().text().value();
            boolean onAnswer = askers.stream().anyMatch(id -> condition.contains("steps." + id + "."));
            if ((asks || onAnswer) && FAILS.matcher(script).find()) {
                return Optional.of(step);
            }
            if (asks && step.id() != null) {
                askers.add(step.id());
            }
        }
        return Optional.empty();
    }

    private static boolean runsAfterFailureOf(Job job, String need) {
        IfCondition condition = job.condition();
        if (condition == null) {
            return false;
        }
        if (condition.parsed() == null || !condition.parsed().isExpression()) {
            return true;
        }
        // Without a status function GitHub implies success(), which a failed need makes false.
        if (!STATUS_FUNCTION.matcher(condition.text().value()).find()) {
            return false;
        }
        ContextValues failed = ContextValues.of(Map.of("needs." + need.toLowerCase(Locale.ROOT) + ".result", "failure"));
        JobStatus afterFailure = new JobStatus(false, true, false);
        return new ConditionFolder(failed, afterFailure).fold(condition.parsed().expr()) != Truth.ALWAYS_FALSE;
    }

    private static final Pattern STATUS_FUNCTION = Pattern.compile("\\b(?:always|failure|cancelled|success)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private static Optional<Step> failsForForks(JobContext context, Job needed) {
        List<Job> jobs = List.of(needed);
        if (needed.callsReusableWorkflow() && needed.uses().kind() == dev.cimatrix.model.ActionRef.Kind.LOCAL) {
            jobs = context.inventory().workflow(WorkflowTaint.resolve(context.workflow().path(), needed.uses().path()))
                    .map(Workflow::jobs).orElse(List.of());
        }
        for (Job j : jobs) {
            for (Step step : j.steps()) {
                IfCondition condition = step.condition();
                if (step.run() != null && condition != null && condition.parsed() != null
                        && condition.parsed().isExpression() && endsInFailure(step.run().value())
                        && letsOnlyForksIn(condition.parsed().expr())) {
                    return Optional.of(step);
                }
            }
        }
        return Optional.empty();
    }

    /** A script whose last command, outside any block, is {@code exit} with a non-zero status. */
    static boolean endsInFailure(String script) {
        String[] lines = script.split("\n");
        int least = Integer.MAX_VALUE;
        String last = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            least = Math.min(least, line.length() - line.stripLeading().length());
            last = line;
        }
        return last != null && last.length() - last.stripLeading().length() == least
                && EXIT_FAILURE.matcher(last.strip()).matches();
    }

    private static final Pattern EXIT_FAILURE = Pattern.compile("exit\\s+[1-9][0-9]{0,2}\\s*;?");

    private static void stringLiterals(Expr expr, Set<String> out) {
        if (expr instanceof Literal l && l.value() instanceof String text && !text.isBlank() && out.size() < 32) {
            out.add(text.strip());
        }
        expr.children().forEach(child -> stringLiterals(child, out));
    }

    private Gates() {
    }

    /**
     * The gates in front of a step of a workflow job that keep every pull request from a fork out (its job's or its
     * own condition, a needed job that fails for forks); none for a step of a composite action.
     */
    public static List<Gate> forkGates(dev.cimatrix.analyze.StepContext context) {
        if (context.inAction()) {
            return List.of();
        }
        JobContext job = new JobContext(context.inventory(), context.workflow(), context.job(), context.derived());
        return of(job, context.step()).stream().filter(Gate::shutsOutForks).toList();
    }

    /**
     * Lowers a finding of the job (and of the step, when not null) for each gate in front of it, and names the issue
     * template whose label opens a condition on labels that would otherwise be one.
     */
    public static void apply(JobContext context, Step step, FindingBuilder finding) {
        apply(context, step, finding, Optional.empty());
    }

    /**
     * As {@link #apply(JobContext, Step, FindingBuilder)} for a finding about a checkout of the pull request's code
     * that takes whatever it holds when the job runs ({@code checkoutMoves} says why): approvals do not lower it
     * ({@link Gate#lower(FindingBuilder, Optional)}).
     */
    public static void apply(JobContext context, Step step, FindingBuilder finding, Optional<String> checkoutMoves) {
        List<IssueForm> opening = new ArrayList<>();
        of(context, step, 0, opening).forEach(gate -> gate.lower(finding, checkoutMoves));
        opening.stream().findFirst().ifPresent(form -> finding.related(form.location(), "the issue template "
                + form.path() + " adds the label" + (form.labels().size() == 1 ? " " : "s ")
                + form.labels().stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
                + " for whoever opens an issue with it, so the condition on labels keeps no outsider out"));
    }

    /**
     * Conditions, environments and activity types in front of a step that may stop outsiders; they lower
     * confidence.
     */
    public static List<Gate> of(JobContext context, Step step) {
        return of(context, step, 0, new ArrayList<>());
    }

    /** As {@link #of(JobContext, Step)}; adds to {@code opening} each issue template that opens a label condition. */
    private static List<Gate> of(JobContext context, Step step, int depth, List<IssueForm> opening) {
        Job job = context.job();
        List<Gate> gates = new ArrayList<>();
        List<IssueForm> forms = formsOutsidersPick(context);
        gate(job.condition(), "the job", forms, opening, context).ifPresent(gates::add);
        if (step != null) {
            gate(step.condition(), "the step", forms, opening, context).ifPresent(gates::add);
        }
        // A condition on a label and a trigger on labeling are one gate: the same act of a maintainer opens both.
        boolean labelCondition = gates.stream().anyMatch(g -> g.description().endsWith(REQUIRES_LABEL));
        insiderActivity(context.workflow())
                .filter(t -> !(labelCondition && t.types().contains("labeled")))
                .ifPresent(t -> gates.add(new Gate(t.location(), "the workflow runs on " + t.event() + " only when "
                        + "someone with triage or write access acts (" + String.join(", ", t.types()) + ")",
                        Gate.Kind.APPROVAL)));
        if (job.environment() != null) {
            environmentGate(context, job.environment(), "the job runs in environment '" + job.environment().value() + "'")
                    .ifPresent(gates::add);
        }
        needsGate(context).ifPresent(gates::add);
        callersGate(context, depth).ifPresent(gates::add);
        if (step != null) {
            // The first such step of the job, worked out once per job: asked for every step of a job of thousands.
            Optional<Step> check = context.derived().get(List.of("permission-check", context.workflow().path(),
                    job.id()), () -> permissionCheck(job.steps(), Integer.MAX_VALUE));
            check.filter(c -> c.index() < step.index()).ifPresent(c -> gates.add(new Gate(c.location(),
                    "an earlier step fails unless the actor has write access", actorGate(context.workflow()))));
        }
        return gates;
    }

    /**
     * A job this one needs, directly or through others, that runs in an environment (other than this job's own):
     * the usual way to make a reviewer approve a run before the jobs after it start. This job's condition must not
     * let it run after that job fails or is skipped.
     */
    private static Optional<Gate> approvalNeeded(JobContext context) {
        Job job = context.job();
        Deque<String> todo = new ArrayDeque<>(job.needs());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < 256) {
            String need = todo.poll();
            if (!seen.add(need)) {
                continue;
            }
            Optional<Job> needed = context.workflow().job(need);
            if (needed.isEmpty() || job.needs().contains(need) && runsAfterFailureOf(job, need)) {
                continue;
            }
            // The same environment as the job's own is the same reviewers' one act: one gate, not two.
            if (needed.get().environment() != null && (job.environment() == null
                    || !job.environment().value().equals(needed.get().environment().value()))) {
                Optional<Gate> gate = environmentGate(context, needed.get().environment(), "the job needs '" + need
                        + "', which runs in environment '" + needed.get().environment().value() + "'");
                if (gate.isPresent()) {
                    return gate;
                }
            }
            todo.addAll(needed.get().needs());
        }
        return Optional.empty();
    }

    /**
     * An environment in front of a job: an approval, unless the settings file that governs the workflow lists it
     * without a required reviewer. Its deployment branch policy does not count: the runs outsiders cause with secrets
     * ({@code pull_request_target}, {@code workflow_run}, comments) run on the default branch, which such a policy
     * lets in.
     *
     * @param what the job's relation to the environment, for the description: "the job runs in environment 'x'"
     */
    private static Optional<Gate> environmentGate(JobContext context, Scalar environment, String what) {
        Optional<EnvironmentRules.Protection> rules = context.derived()
                .get(EnvironmentRules.class, () -> EnvironmentRules.of(context.inventory()))
                .protection(context.workflow().path(), environment);
        if (rules.isEmpty()) {
            return Optional.of(new Gate(environment.location(), what + ", which may require a reviewer",
                    Gate.Kind.APPROVAL));
        }
        if (!rules.get().reviewed()) {
            return Optional.empty();
        }
        return Optional.of(new Gate(environment.location(), what + ", where " + rules.get().approval() + " ("
                + rules.get().cited() + ")", Gate.Kind.APPROVAL));
    }

    /**
     * For a reusable workflow, a gate in front of every job of this repository that calls it on events an outsider
     * can cause with secrets or a write token: such a run reaches this workflow only through one of them. None when
     * no such caller is in the scan (the callers are elsewhere), or one of them is not gated.
     */
    private static Optional<Gate> callersGate(JobContext context, int depth) {
        Workflow workflow = context.workflow();
        if (!workflow.isReusable() || depth > 4) {
            return Optional.empty();
        }
        // Once per workflow and depth: workflows that call one another from many jobs are not read again for each way
        // through them.
        return context.derived().get(List.of("callers-gate", workflow.path(), depth),
                () -> callersGateOf(context, workflow, depth));
    }

    private static Optional<Gate> callersGateOf(JobContext context, Workflow workflow, int depth) {
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        List<Gate> first = new ArrayList<>();
        for (WorkflowTaint.WorkflowCall call : taint.callsOf(workflow)) {
            if (Triggers.privilegedForOutsiders(taint.triggers(WorkflowTaint.Scope.of(call.workflow(), call.job(), null)))
                    .isEmpty()) {
                continue;
            }
            List<Gate> gates = of(new JobContext(context.inventory(), call.workflow(), call.job(), context.derived()),
                    null, depth + 1, new ArrayList<>());
            if (gates.isEmpty()) {
                return Optional.empty();
            }
            first.add(gates.get(0));
        }
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Gate gate = first.get(0);
        return Optional.of(new Gate(gate.location(), "every job that calls this workflow on an outsider's event is "
                + "behind a gate (in " + first.size() + " caller" + (first.size() == 1 ? "" : "s") + "; "
                + gate.description() + ")", Gate.shared(first)));
    }

    /**
     * The first of the workflow's own privileged outsider triggers, when each listens only for activity types that need
     * triage or write access ({@code pull_request_target} with {@code types: [labeled]}): someone with access
     * starts the run, though the pull request may change between their action and the checkout.
     */
    private static Optional<Trigger> insiderActivity(Workflow workflow) {
        List<Trigger> privileged = privilegedForOutsiders(workflow);
        boolean insidersOnly = !privileged.isEmpty() && privileged.stream().allMatch(
                t -> TriggerModel.github().trigger(t.event()).orElseThrow().onlyInsidersStart(t.types()));
        return insidersOnly ? Optional.of(privileged.get(0)) : Optional.empty();
    }

    /** The workflow's triggers that run with secrets or a write token for events outsiders cause. */
    private static List<Trigger> privilegedForOutsiders(Workflow workflow) {
        return workflow.triggers().stream()
                .filter(t -> TriggerModel.github().trigger(t.event()).filter(TriggerModel.Trigger::privilegedForOutsiders)
                        .isPresent())
                .toList();
    }

    /**
     * The issue templates of the workflow's repository that add labels, when the workflow runs on issue events and
     * the scan read the templates: whoever opens an issue picks one, and with it those labels.
     */
    private static List<IssueForm> formsOutsidersPick(JobContext context) {
        Workflow workflow = context.workflow();
        if (!workflow.hasTrigger("issues") && !workflow.hasTrigger("issue_comment")) {
            return List.of();
        }
        return context.inventory().issueForms(workflow.path()).orElse(List.of()).stream()
                .filter(form -> !form.labels().isEmpty()).toList();
    }

    /**
     * The gate a condition makes, if any. A label condition that an issue template in {@code forms} lets an outsider
     * pass makes none, and that template is added to {@code opening}.
     */
    private static Optional<Gate> gate(IfCondition condition, String what, List<IssueForm> forms,
                                       List<IssueForm> opening, JobContext context) {
        if (condition == null) {
            return Optional.empty();
        }
        Location where = condition.text().location();
        Condition parsed = condition.parsed();
        boolean expression = parsed != null && parsed.isExpression();
        if (expression && shutsOutForks(parsed.expr())) {
            return Optional.of(new Gate(where, what + " runs for no pull request from a fork", Gate.Kind.NO_FORKS));
        }
        Optional<String> words = gateByWords(condition, expression ? parsed.expr() : null, forms, opening);
        return words.map(d -> new Gate(where, what + " " + d, kindByWords(d, condition, context)));
    }

    /** The kind of the gate {@link #gateByWords} describes as {@code description}. */
    private static Gate.Kind kindByWords(String description, IfCondition condition, JobContext context) {
        if (description.equals(REQUIRES_LABEL) && standingLabel(condition, context)) {
            return Gate.Kind.STANDING_LABEL;
        }
        return approves(description, condition, context.workflow()) ? Gate.Kind.APPROVAL : Gate.Kind.PLAIN;
    }

    /**
     * What an outsider's run looks like to an association or label test: a fork's, with no association with the
     * repository and no label. A condition that is false for it stops them until a maintainer acts; one that is not
     * ({@code !contains(…labels…, 'skip-ci')}, {@code author_association != 'MEMBER'}) is no gate.
     */
    private static final ContextValues OUTSIDER_UNLABELLED = ContextValues.of(outsiderUnlabelled());

    private static Map<String, Object> outsiderUnlabelled() {
        Map<String, Object> values = new HashMap<>(Map.of(
                "github.event.pull_request.labels", List.of(),
                "github.event.issue.labels", List.of(),
                "github.event.label", Map.of(),
                "github.event.pull_request.head.repo.fork", true,
                "github.event.workflow_run.head_repository.fork", true));
        ACTOR_OBJECT.values().forEach(actor -> values.put(actor + ".author_association", "NONE"));
        return values;
    }

    /**
     * The first issue template whose labels let an outsider pass the condition: the issue carries all of the
     * template's labels, and each is the label of a {@code labeled} event of its own.
     */
    private static Optional<IssueForm> formPassing(Expr expr, List<IssueForm> forms) {
        for (IssueForm form : forms) {
            List<Map<String, Object>> labels = labelObjects(form.labels());
            for (Map<String, Object> label : labels) {
                Map<String, Object> run = outsiderUnlabelled();
                run.put("github.event.issue.labels", labels);
                run.put("github.event.label", label);
                if (new ConditionFolder(ContextValues.of(run)).fold(expr) != Truth.ALWAYS_FALSE) {
                    return Optional.of(form);
                }
            }
        }
        return Optional.empty();
    }

    /** The events whose run starts with someone's comment or review, whose author a condition can test. */
    private static final Set<String> COMMENT_EVENTS = Set.of("issue_comment", "pull_request_review",
            "pull_request_review_comment", "discussion_comment");
    /** A test of the association of a comment's or review's author, rather than of the pull request's. */
    private static final Pattern COMMENTER_ASSOCIATION = Pattern.compile("(?:comment|review)\\.author_association");

    /** The activity of a pull request its author causes with new code in it: a push, or closing and reopening it. */
    private static final Set<String> AUTHOR_RERUN_TYPES = Set.of("synchronize", "reopened");
    /** The events whose run a pull request's author starts again whenever they like: their own comment or review. */
    private static final Set<String> AUTHOR_COMMENT_EVENTS = Set.of("issue_comment", "pull_request_review",
            "pull_request_review_comment");
    /** A step that takes a label off again: the usual way to make each push need a new one. */
    private static final Pattern REMOVES_LABEL = Pattern.compile(
            "(?i)remove[-_]?labels?\\b|--remove-label|-X\\s*DELETE[^\\n]*labels|labels[^\\n]*-X\\s*DELETE");

    /**
     * Whether a condition on the labels a pull request carries ({@code contains(github.event.pull_request.labels.*.name,
     * 'safe to test')}) is passed by every push after the label was given: the workflow runs again on the author's own
     * push, reopening or comment, the condition holds for such a run of a pull request that carries every label it
     * names, and no step of the workflow takes the label off.
     */
    private static boolean standingLabel(IfCondition condition, JobContext context) {
        Workflow workflow = context.workflow();
        String text = condition.text().value();
        if (condition.parsed() == null || !condition.parsed().isExpression()
                || !text.contains("pull_request.labels") && !text.contains("issue.labels")) {
            return false;
        }
        Set<String> names = new LinkedHashSet<>();
        stringLiterals(condition.parsed().expr(), names);
        List<Map<String, Object>> labels = labelObjects(List.copyOf(names));
        for (Trigger trigger : privilegedForOutsiders(workflow)) {
            Optional<String> action = authorRerun(trigger);
            if (action.isEmpty()) {
                continue;
            }
            Map<String, Object> known = JobEvents.facts(trigger.event());
            known.put("github.event.action", action.get());
            known.put("github.event.label", null);
            known.put(trigger.event().equals("issue_comment") ? "github.event.issue.labels"
                    : "github.event.pull_request.labels", labels);
            if (new ConditionFolder(ContextValues.of(known)).fold(condition.parsed().expr()) != Truth.ALWAYS_FALSE) {
                // Once per workflow: asked for every step of every labelled job.
                return !context.derived().get(List.of("removes-labels", workflow.path()), () -> removesLabels(workflow));
            }
        }
        return false;
    }

    /**
     * The activity by which a pull request's author runs a workflow again with new code in it, if the trigger listens
     * for one: a push ({@code synchronize}) or reopening under {@code pull_request_target}, a comment or review of
     * their own under the comment and review events.
     */
    private static Optional<String> authorRerun(Trigger trigger) {
        String event = trigger.event();
        if (event.equals("pull_request_target")) {
            return trigger.types().isEmpty() ? Optional.of("synchronize")
                    : trigger.types().stream().filter(AUTHOR_RERUN_TYPES::contains).findFirst();
        }
        if (!AUTHOR_COMMENT_EVENTS.contains(event)) {
            return Optional.empty();
        }
        String action = event.equals("pull_request_review") ? "submitted" : "created";
        return trigger.types().isEmpty() || trigger.types().contains(action) ? Optional.of(action) : Optional.empty();
    }

    private static boolean removesLabels(Workflow workflow) {
        for (Job job : workflow.jobs()) {
            for (Step step : job.steps()) {
                String script = step.run() != null ? step.run().value() : step.inputValue("script").orElse("");
                if (step.uses() != null && step.uses().raw().toLowerCase(Locale.ROOT).contains("remove-label")
                        || REMOVES_LABEL.matcher(script).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a gate a condition makes ({@link #gateByWords}) is an approval: a label someone adds, or a test of the
     * commenter's association, or of the actor where an insider's act starts the run ({@link #actorApproves}).
     */
    private static boolean approves(String description, IfCondition condition, Workflow workflow) {
        if (description.equals(REQUIRES_LABEL)) {
            return true;
        }
        if (description.startsWith("checks the author's association")) {
            return COMMENTER_ASSOCIATION.matcher(condition.text().value()).find();
        }
        return description.equals("checks who triggered the run") && actorApproves(workflow);
    }

    /**
     * Whether the actor of the workflow's outsider runs is someone other than the pull request's author acting on it
     * as it stands: the one who comments or reviews, or who labels where only such activity starts a run. A test of
     * that actor is then an approval. Where the author's own push starts a run, they are its actor and fail it.
     */
    private static Gate.Kind actorGate(Workflow workflow) {
        return actorApproves(workflow) ? Gate.Kind.APPROVAL : Gate.Kind.PLAIN;
    }

    private static boolean actorApproves(Workflow workflow) {
        List<Trigger> privileged = privilegedForOutsiders(workflow);
        return !privileged.isEmpty() && (privileged.stream().allMatch(t -> COMMENT_EVENTS.contains(t.event()))
                || insiderActivity(workflow).isPresent());
    }

    private static Optional<String> gateByWords(IfCondition condition, Expr expr, List<IssueForm> forms,
                                                List<IssueForm> opening) {
        String text = condition.text().value().toLowerCase(Locale.ROOT);
        boolean association = text.contains("author_association");
        boolean label = text.contains("label");
        if ((association || label)
                && (expr == null || new ConditionFolder(OUTSIDER_UNLABELLED).fold(expr) == Truth.ALWAYS_FALSE)) {
            // A label an issue template adds is the outsider's own: no gate on issue events.
            Optional<IssueForm> form = label && expr != null ? formPassing(expr, forms) : Optional.empty();
            if (form.isPresent()) {
                if (!association) {
                    opening.add(form.get());
                }
                return Optional.empty();
            }
            return Optional.of(association ? "checks the author's association" : REQUIRES_LABEL);
        }
        if (text.contains("github.actor") || text.contains("triggering_actor") || text.contains(".user.login")
                || text.contains("sender.login")) {
            // A bot's name as the actor is no gate: an outsider can have the bot act on their pull request.
            boolean spoofable = condition.parsed() != null && !IfConditions.analyze(condition.parsed(),
                    ContextValues.unknown()).spoofableActorChecks().isEmpty();
            return spoofable ? Optional.empty() : Optional.of("checks who triggered the run");
        }
        if (text.contains("head.repo.full_name") || text.contains("head.repo.fork") || text.contains("head_repository")) {
            return Optional.of("checks where the pull request comes from");
        }
        return Optional.empty();
    }
}
