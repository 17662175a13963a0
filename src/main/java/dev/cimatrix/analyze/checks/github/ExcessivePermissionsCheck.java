package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.analyze.github.DefaultToken;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.TokenUses;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Trigger;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;

/**
 * A GITHUB_TOKEN broader than the jobs need: {@code write-all} or {@code read-all}, no {@code permissions}
 * at all (the repository default applies, read-write in many older repositories and organisations), write
 * scopes granted at the workflow level to every job, and write scopes in a job whose steps plainly never
 * use the token.
 */
public final class ExcessivePermissionsCheck implements Check {
    public static final String ID = "gha-excessive-permissions";

    /** Impact of a write grant per scope; scopes not listed are {@link Severity#MEDIUM}. */
    private static final Map<String, Severity> WRITE_IMPACT = Map.ofEntries(
            Map.entry("actions", Severity.HIGH), Map.entry("attestations", Severity.HIGH),
            Map.entry("checks", Severity.MEDIUM), Map.entry("contents", Severity.HIGH),
            Map.entry("deployments", Severity.HIGH), Map.entry("discussions", Severity.MEDIUM),
            Map.entry("id-token", Severity.HIGH), Map.entry("issues", Severity.HIGH),
            Map.entry("packages", Severity.HIGH), Map.entry("pages", Severity.HIGH),
            Map.entry("pull-requests", Severity.HIGH), Map.entry("repository-projects", Severity.MEDIUM),
            Map.entry("security-events", Severity.MEDIUM), Map.entry("statuses", Severity.LOW));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        Workflow workflow = context.workflow();
        // Fork pull requests get a read-only token whatever the default; privileged outsider events do not.
        List<Trigger> risky = Triggers.privilegedOutsider(workflow);
        boolean reusableOnly = Triggers.reusableOnly(workflow);
        workflowLevel(context.inventory(), workflow, risky, reusableOnly, findings);
        for (Job job : workflow.jobs()) {
            if (Conditions.neverRuns(job.condition())) {
                continue; // no token is ever issued to it
            }
            jobLevel(context.inventory(), workflow, job, outsidersReaching(context.inventory(), workflow, risky, job),
                    reusableOnly, findings);
        }
    }

    /**
     * The outsider's triggers that start the job: its condition neither rules the event out nor keeps out every
     * outsider (only members and collaborators pass it, or no fork does).
     */
    private static List<Trigger> outsidersReaching(Inventory inventory, Workflow workflow, List<Trigger> risky, Job job) {
        return risky.stream().filter(t -> outsiderReaches(inventory, workflow, t, job)).toList();
    }

    private static boolean outsiderReaches(Inventory inventory, Workflow workflow, Trigger trigger, Job job) {
        return Triggers.reaches(trigger, job)
                && !Gates.closedToOutsiders(trigger, job.condition(), inventory.issueForms(workflow.path()));
    }

    private void workflowLevel(Inventory inventory, Workflow workflow, List<Trigger> risky, boolean reusableOnly,
                               FindingSink findings) {
        Permissions permissions = workflow.permissions();
        switch (permissions.mode()) {
            case ABSENT -> {
                // Only with several jobs getting the default is the workflow reported too: one such job is
                // reported alone. A reusable-only workflow gets the permissions its caller grants.
                List<Job> defaulted = workflow.jobs().stream().filter(j -> j.permissions().isAbsent()
                        && !Conditions.neverRuns(j.condition()) && !calleeScopesEveryJob(inventory, workflow, j)).toList();
                if (defaulted.size() > 1 && !reusableOnly) {
                    // The outsider's triggers that reach at least one of those jobs.
                    List<Trigger> reaching = risky.stream()
                            .filter(t -> defaulted.stream().anyMatch(j -> outsiderReaches(inventory, workflow, t, j)))
                            .toList();
                    defaultPermissions(findings.at(workflow.location()), "the workflow", reaching,
                            DefaultToken.of(inventory, workflow.path()))
                            .subject("workflow").report();
                }
            }
            case WRITE_ALL -> findings.at(permissions.location())
                    .message("permissions: write-all at the workflow level gives " + inheritingJobs(workflow)
                            + " a token that can write to every scope: code, releases, packages, issues, workflow runs")
                    .severity(Severity.HIGH).subject("workflow write-all").report();
            case READ_ALL -> findings.at(permissions.location())
                    .message("permissions: read-all at the workflow level gives " + inheritingJobs(workflow)
                            + " read access to every scope, including security events and private packages; list the "
                            + "scopes the jobs need")
                    .severity(Severity.MEDIUM).subject("workflow read-all").report();
            case EXPLICIT -> {
                // A job with its own permissions block does not get the workflow's: only the others inherit it.
                List<Job> inheritors = workflow.jobs().stream()
                        .filter(j -> j.permissions().isAbsent() && !Conditions.neverRuns(j.condition())).toList();
                if (inheritors.size() < 2) {
                    // One job (or none) gets the workflow block: it is that job's block, judged by what it does.
                    inheritors.forEach(job -> unusedWrites(job, permissions, findings));
                    return;
                }
                for (String scope : permissions.writeScopes().keySet()) {
                    // A call of a local reusable workflow gets no more than the called workflow asks for: it may
                    // narrow the scope away, or ask for it, and then the caller must grant it.
                    Map<Job, Reach> reaches = new LinkedHashMap<>();
                    inheritors.forEach(j -> reaches.put(j, reach(inventory, workflow, j, scope)));
                    List<Job> getters = inheritors.stream().filter(j -> reaches.get(j) != Reach.NARROWED).toList();
                    // Moving the grant into the jobs changes nothing when every job that gets it shows a use of it; a
                    // call of another repository's workflow may need it, unseen.
                    if (getters.size() < 2 || getters.stream().allMatch(j -> reaches.get(j) == Reach.NEEDS
                            || remoteCall(j) || !j.callsReusableWorkflow() && TokenUses.mayUse(inventory, workflow, j, scope))) {
                        continue;
                    }
                    String who = getters.size() == workflow.jobs().size()
                            ? "all " + getters.size() + " jobs get it"
                            : getters.size() + " of its " + workflow.jobs().size() + " jobs get it (the others set their "
                            + "own" + (getters.size() < inheritors.size() ? " or call workflows that narrow it" : "") + ")";
                    // Only where every step plainly never touches the token is the grant of no use to any of them.
                    boolean noneUses = getters.stream().allMatch(TokenUses::neverUses);
                    findings.at(permissions.locationOf(scope))
                            .message(scope + ": write is granted at the workflow level, so " + who
                                    + (noneUses ? ", and none of them shows a use of it; drop it, or grant it only "
                                    + "to a job that comes to need it" : "; grant it only in the job that needs it"))
                            .severity(WRITE_IMPACT.getOrDefault(scope, Severity.MEDIUM))
                            .subject("workflow " + scope).property("scope", scope).report();
                }
            }
        }
    }

    /** The jobs a workflow-level block reaches, for a message: those without a block of their own. */
    private static String inheritingJobs(Workflow workflow) {
        long inheriting = workflow.jobs().stream().filter(j -> j.permissions().isAbsent()).count();
        if (inheriting == workflow.jobs().size()) {
            return "every job";
        }
        return inheriting == 0 ? "every job added without a block of its own (each job now sets one)"
                : inheriting + " of its " + workflow.jobs().size() + " jobs (the others set their own)";
    }

    private static boolean remoteCall(Job job) {
        return job.callsReusableWorkflow() && job.uses().kind() == ActionRef.Kind.REPOSITORY;
    }

    /** What a job that inherits a workflow-level write scope does with it. */
    private enum Reach {
        /** Its steps, or a workflow it calls that takes the caller's permissions, hold the scope. */
        GETS,
        /** It calls a local workflow that asks for the scope itself. */
        NEEDS,
        /** It calls a local workflow whose every job sets permissions without the scope. */
        NARROWED
    }

    /**
     * Whether the job calls a local reusable workflow each of whose jobs gets a permissions block, its own or the
     * called workflow's: a called job's token gets no more than its block, whatever the caller's default.
     */
    private static boolean calleeScopesEveryJob(Inventory inventory, Workflow caller, Job job) {
        if (!job.callsReusableWorkflow() || job.uses().kind() != ActionRef.Kind.LOCAL) {
            return false;
        }
        Optional<Workflow> callee = inventory.workflow(WorkflowTaint.resolve(caller.path(), job.uses().path()));
        return callee.isPresent() && !callee.get().jobs().isEmpty() && callee.get().jobs().stream()
                .allMatch(calleeJob -> !calleeJob.permissions().isAbsent() || !callee.get().permissions().isAbsent());
    }

    private static Reach reach(Inventory inventory, Workflow caller, Job job, String scope) {
        if (!job.callsReusableWorkflow() || job.uses().kind() != ActionRef.Kind.LOCAL) {
            return Reach.GETS;
        }
        Optional<Workflow> callee = inventory.workflow(WorkflowTaint.resolve(caller.path(), job.uses().path()));
        if (callee.isEmpty() || callee.get().jobs().isEmpty()) {
            return Reach.GETS;
        }
        Reach reach = Reach.NARROWED;
        for (Job calleeJob : callee.get().jobs()) {
            Permissions own = calleeJob.permissions().isAbsent() ? callee.get().permissions() : calleeJob.permissions();
            if (own.isAbsent()) {
                reach = Reach.GETS;
            } else if (own.level(scope) == Permissions.Level.WRITE) {
                return Reach.NEEDS;
            }
        }
        return reach;
    }

    private void jobLevel(Inventory inventory, Workflow workflow, Job job, List<Trigger> risky, boolean reusableOnly,
                          FindingSink findings) {
        Permissions permissions = job.permissions();
        switch (permissions.mode()) {
            case ABSENT -> {
                // A reusable-only workflow's jobs run with what the caller grants; a call to a reusable
                // workflow is always the caller's job to scope, unless the local workflow it calls scopes every job.
                boolean callerDecides = reusableOnly && !job.callsReusableWorkflow();
                if (workflow.permissions().isAbsent() && !callerDecides && !calleeScopesEveryJob(inventory, workflow, job)) {
                    defaultPermissions(findings.at(job.location()), "job '" + job.id() + "'", risky,
                            DefaultToken.of(inventory, workflow.path()))
                            .subject("job " + job.id()).report();
                }
            }
            case WRITE_ALL -> findings.at(permissions.location())
                    .message("permissions: write-all gives job '" + job.id() + "' a token that can write to every scope")
                    .severity(Severity.HIGH).subject("job " + job.id() + " write-all").report();
            case READ_ALL -> findings.at(permissions.location())
                    .message("permissions: read-all gives job '" + job.id() + "' read access to every scope; list the "
                            + "scopes it needs")
                    .severity(Severity.MEDIUM).subject("job " + job.id() + " read-all").report();
            case EXPLICIT -> unusedWrites(job, permissions, findings);
        }
    }

    /**
     * The finding of a workflow or job that takes the repository's default token: read-write in many repositories,
     * and said so for certain, or made low, when a settings file of the scan says which.
     */
    private static FindingBuilder defaultPermissions(FindingBuilder finding, String what, List<Trigger> risky,
                                                     Optional<DefaultToken> defaultToken) {
        if (defaultToken.isPresent() && !defaultToken.get().writes()) {
            return finding.message(what + " has no permissions block, so its token gets the repository's default "
                            + "permissions, which read only here (" + defaultToken.get().setting() + "); the workflow "
                            + "depends on that setting, and write access follows any change of it")
                    .severity(Severity.LOW).confidence(Confidence.HIGH)
                    .related(defaultToken.get().location(), "the repository's default token reads only");
        }
        String message = what + " has no permissions block, so its token gets the repository's default permissions, "
                + (defaultToken.isPresent() ? "which can write to every scope here (" + defaultToken.get().setting() + ")"
                        : "which are read-write in many repositories and organisations");
        defaultToken.ifPresent(token -> finding.related(token.location(), "the repository's default token can write"));
        if (!risky.isEmpty()) {
            Trigger trigger = risky.get(0);
            finding.severity(Severity.HIGH).related(trigger.location(), "an outsider can start this run, with a token that may write");
            message += "; it runs on " + trigger.event() + ", which an outsider can start";
        }
        return finding.message(message).confidence(defaultToken.isPresent() ? Confidence.HIGH : Confidence.MEDIUM);
    }

    /** Write scopes of a job whose every step is known not to use the token. */
    private static void unusedWrites(Job job, Permissions permissions, FindingSink findings) {
        if (job.steps().isEmpty() || permissions.writeScopes().isEmpty() || !TokenUses.neverUses(job)) {
            return;
        }
        permissions.writeScopes().keySet().forEach(scope -> findings.at(permissions.locationOf(scope))
                .message(scope + ": write is granted to job '" + job.id() + "', whose steps only check out, set up "
                        + "tools, cache and run scripts that never use the token")
                .severity(Severity.LOW).confidence(Confidence.MEDIUM)
                .subject("job " + job.id() + " unused " + scope).property("scope", scope).report());
    }
}
