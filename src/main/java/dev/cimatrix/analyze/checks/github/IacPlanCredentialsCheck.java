package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.checks.common.CommandText;
import dev.cimatrix.analyze.github.JobEvents;
import dev.cimatrix.analyze.github.JobHoldings;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job that runs an infrastructure plan ({@code terraform plan}, {@code tofu plan}, {@code terragrunt plan},
 * {@code pulumi preview}, {@code cdk diff}) or apply for pull requests while it holds cloud credentials. A plan is not
 * a dry run: it runs the providers, modules and {@code external} data sources the pull request's configuration names,
 * so code from the pull request runs with the credentials before anyone reviews it. Pull requests should be planned
 * with a role that can only read; applying belongs to the protected branch.
 */
public final class IacPlanCredentialsCheck implements Check {
    public static final String ID = "gha-iac-plan-credentials";

    private static final String EVENT = "pull_request";
    /** The first word of every command below: a script with none of them is not searched with the pattern. */
    private static final TextSearch IAC_WORDS = TextSearch.anyOf("terraform", "tofu", "terragrunt", "pulumi", "cdk");
    /**
     * An IaC command at the start of a shell command (after {@code &&}, {@code ;}, a pipe, {@code sudo}, variable
     * assignments or a package runner such as {@code npx}); group 1 is the tool, group 2 what it does.
     */
    private static final Pattern IAC_COMMAND = Pattern.compile(
            "(?:^|&&|\\|\\||[;|(`]|\\$\\()[ \\t]*(?:sudo[ \\t]+)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*[ \\t]+)*"
                    + "(?:(?:npx|bunx|pnpm[ \\t]+exec|pnpm|yarn|npm[ \\t]+exec[ \\t]+--)[ \\t]+)?"
                    + "(terraform|tofu|terragrunt|pulumi|cdktf|cdk)"
                    + "(?:[ \\t]+(?:--?[A-Za-z][\\w-]*(?:=(?:\"[^\"\\n]*\"|'[^'\\n]*'|\\S+))?|run-all|run[ \\t]+--all))*"
                    + "[ \\t]+(plan|apply|preview|up|update|diff|synth|deploy)\\b",
            Pattern.MULTILINE);
    /** Actions that plan or apply, lower-case {@code owner/repo}, with whether they apply. */
    private static final Map<String, Boolean> IAC_ACTIONS = Map.of(
            "dflook/terraform-plan", false, "dflook/tofu-plan", false,
            "dflook/terraform-apply", true, "dflook/tofu-apply", true);
    /** Role names and secret names that say the credential is meant for reading or for plans only. */
    private static final Pattern READ_ONLY = Pattern.compile(
            "(?i)(?:plan|read[-_]?only|readonly|reader|viewer|(?:^|[^a-z])ro(?:[^a-z]|$))");

    @Override
    public String id() {
        return ID;
    }

    /** A repository without infrastructure plans says nothing of how they would be run. */
    @Override
    public boolean verifiesOnlyWhatItMeets() {
        return true;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        if (Conditions.neverRuns(job.condition())
                || !taint.triggers(WorkflowTaint.Scope.of(context.workflow(), job, null)).contains(EVENT)
                || !JobEvents.mayRun(job, null, EVENT)) {
            // Plans here are judged all the same: they do not run for pull requests.
            if (job.steps().stream().anyMatch(step -> planOf(context, step).isPresent())) {
                findings.met();
            }
            return;
        }
        Workflow workflow = context.workflow();
        Permissions permissions = job.permissions().isAbsent() ? workflow.permissions() : job.permissions();
        boolean idToken = permissions.level("id-token") == Permissions.Level.WRITE;
        // What the steps up to the plan can hand it: secrets in their values (a login step leaves its keys in the
        // environment or a file for the steps after it) and the roles they assume.
        Map<String, Location> secrets = new LinkedHashMap<>();
        workflow.env().forEach(kv -> secretsIn(kv.value(), secrets));
        job.env().forEach(kv -> secretsIn(kv.value(), secrets));
        List<JobPrivileges.AssumedRole> roles = new ArrayList<>();
        for (Step step : job.steps()) {
            step.env().forEach(kv -> secretsIn(kv.value(), secrets));
            step.with().forEach(kv -> secretsIn(kv.value(), secrets));
            if (step.run() != null) {
                secretsIn(step.run(), secrets);
            }
            JobPrivileges.assumedRole(step).ifPresent(roles::add);
            Optional<Plan> plan = planOf(context, step);
            if (plan.isEmpty()) {
                continue;
            }
            findings.met();
            if (Conditions.neverRuns(step.condition()) || !JobEvents.mayRun(job, step, EVENT)) {
                continue;
            }
            if (secrets.isEmpty() && !idToken) {
                continue;
            }
            report(context, findings, step, plan.get(), secrets, roles, idToken ? permissions.locationOf("id-token") : null);
            return;
        }
    }

    private static void report(JobContext context, FindingSink findings, Step step, Plan plan,
                               Map<String, Location> secrets, List<JobPrivileges.AssumedRole> roles, Location idToken) {
        List<String> held = new ArrayList<>(3);
        // What the scanned Terraform says the roles may do: a policy that writes settles the question the role's name
        // leaves open, and roles whose policies are all known to only read narrow it the other way.
        List<CloudRole.AttachedPolicy> writing = new ArrayList<>();
        boolean allReadOnly = !roles.isEmpty();
        List<String> described = new ArrayList<>();
        for (JobPrivileges.AssumedRole assumed : roles) {
            Optional<CloudRole> terraform = context.inventory().cloudRoles().stream()
                    .filter(r -> r.isNamedBy(assumed.role())).findFirst();
            List<CloudRole.AttachedPolicy> writes = terraform.map(r -> r.policies().stream()
                    .filter(CloudRole.AttachedPolicy::writes).toList()).orElse(List.of());
            writing.addAll(writes);
            allReadOnly &= terraform.map(CloudRole::permissionsKnown).orElse(false) && writes.isEmpty();
            described.add("'" + assumed.role().strip() + "'" + (writes.isEmpty() ? "" : " (which has "
                    + String.join(", ", writes.stream().map(CloudRole.AttachedPolicy::label).toList())
                    + " attached in " + writes.get(0).location().path() + ")"));
        }
        if (!roles.isEmpty()) {
            held.add("cloud role" + (roles.size() == 1 ? " " : "s ") + String.join(", ", described));
        }
        if (idToken != null && roles.isEmpty()) {
            held.add("the OIDC tokens the job may request for cloud roles");
        }
        if (!secrets.isEmpty()) {
            held.add(JobHoldings.secretsPhrase(List.copyOf(secrets.keySet())));
        }
        String code = plan.program()
                ? "the pull request's program"
                : "the providers, modules and external data sources the pull request's configuration names";
        String what = plan.applies()
                ? "applies infrastructure changes for pull requests (" + plan.command() + "), so a pull request changes "
                + "real resources before review, running " + code
                : "runs " + plan.command() + " for pull requests, which runs " + code;
        var finding = findings.at(step.actionLocation())
                .message(what + ", with " + String.join(" and ", held) + ". Anyone who can open a pull request from a "
                        + "branch of this repository, or a module or provider the change points at, can run code with "
                        + "these credentials before review; plan pull requests with a role that can only read, and "
                        + "apply from the protected branch in a protected environment")
                .subject(context.job().id() + ":" + step.label())
                .property("tool", plan.tool());
        context.workflow().trigger(EVENT).ifPresent(t -> finding.related(t.location(), "runs for pull requests"));
        roles.forEach(r -> finding.related(r.location(), "the role the job assumes"));
        secrets.values().stream().limit(3).forEach(l -> finding.related(l, "a secret the step can reach"));
        if (idToken != null && roles.isEmpty()) {
            finding.related(idToken, "the job may request OIDC tokens");
        }
        if (plan.applies()) {
            finding.severity(Severity.HIGH);
        }
        writing.forEach(p -> finding.related(p.location(), "the policy the role has, which writes"));
        // Roles and secrets named for plans or reading are most likely scoped as the control asks; roles whose policies
        // in the scanned Terraform only read, with no secret beside them, are.
        boolean namedReadOnly = (!roles.isEmpty() || !secrets.isEmpty())
                && roles.stream().allMatch(r -> READ_ONLY.matcher(r.role()).find())
                && secrets.keySet().stream().allMatch(s -> READ_ONLY.matcher(s).find());
        if (!writing.isEmpty()) {
            finding.confidence(Confidence.HIGH);
        } else if ((namedReadOnly || allReadOnly && secrets.isEmpty()) && !plan.applies()) {
            finding.confidence(Confidence.LOW);
        }
        finding.report();
    }

    /** How deep local composite actions that run others are followed. */
    private static final int MAX_ACTION_DEPTH = 3;

    /** The IaC plan or apply a step of the job runs, itself or in the local composite actions it runs. */
    private static Optional<Plan> planOf(JobContext context, Step step) {
        return planIn(context.inventory(), context.workflow().path(), step, 0);
    }

    private static Optional<Plan> planIn(Inventory inventory, String callerPath, Step step, int depth) {
        Optional<Plan> own = plan(step);
        if (own.isPresent() || depth >= MAX_ACTION_DEPTH || step.uses() == null
                || step.uses().kind() != ActionRef.Kind.LOCAL) {
            return own;
        }
        Optional<ActionDefinition> action = inventory.actionIn(WorkflowTaint.resolve(callerPath, step.uses().path()));
        if (action.isEmpty()) {
            return Optional.empty();
        }
        for (Step inner : action.get().steps()) {
            Optional<Plan> plan = planIn(inventory, action.get().path(), inner, depth + 1);
            if (plan.isPresent()) {
                Plan found = plan.get();
                return Optional.of(new Plan(found.tool(), found.command() + " in the local action "
                        + step.uses().raw().strip(), found.applies()));
            }
        }
        return Optional.empty();
    }

    /** The IaC plan or apply a step runs itself, if any. */
    private static Optional<Plan> plan(Step step) {
        if (step.uses() != null && step.uses().kind() == ActionRef.Kind.REPOSITORY) {
            String repository = step.uses().repository();
            Boolean applies = IAC_ACTIONS.get(repository);
            if (applies != null) {
                return Optional.of(new Plan("terraform", repository, applies));
            }
            if (repository.equals("pulumi/actions")) {
                String command = step.inputValue("command").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
                if (Set.of("preview", "up", "update").contains(command)) {
                    return Optional.of(new Plan("pulumi", "pulumi " + command, !command.equals("preview")));
                }
            }
            if (repository.equals("gruntwork-io/terragrunt-action")) {
                String command = step.inputValue("tg_command").map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
                if (command.contains("plan") || command.contains("apply")) {
                    return Optional.of(new Plan("terragrunt", "terragrunt " + command.strip(), command.contains("apply")));
                }
            }
            return Optional.empty();
        }
        if (step.run() == null || !IAC_WORDS.foundIn(step.run().value())) {
            return Optional.empty();
        }
        String script = RepoExecutors.withoutCommentLines(step.run().value());
        Matcher m = IAC_COMMAND.matcher(script);
        Plan found = null;
        while (m.find()) {
            String tool = m.group(1);
            String verb = m.group(2);
            if (!verbOf(tool, verb)) {
                continue;
            }
            boolean applies = verb.equals("apply") || verb.equals("up") || verb.equals("update") || verb.equals("deploy");
            Plan plan = new Plan(tool, CommandText.abbreviated(CommandText.of(script, m.start(1), lineEnd(script, m.end()))), applies);
            // An apply says more than a plan of the same step.
            if (found == null || applies && !found.applies()) {
                found = plan;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether the verb is one the tool plans or applies with. */
    private static boolean verbOf(String tool, String verb) {
        return switch (tool) {
            case "terraform", "tofu", "terragrunt" -> verb.equals("plan") || verb.equals("apply");
            case "pulumi" -> verb.equals("preview") || verb.equals("up") || verb.equals("update");
            case "cdk" -> verb.equals("diff") || verb.equals("synth") || verb.equals("deploy");
            case "cdktf" -> verb.equals("diff") || verb.equals("synth") || verb.equals("plan") || verb.equals("deploy");
            default -> false;
        };
    }

    private static int lineEnd(String script, int from) {
        int end = from;
        while (end < script.length() && script.charAt(end) != '\n'
                && !(script.charAt(end) == '\\' && end + 1 < script.length() && script.charAt(end + 1) == '\n')) {
            end++;
        }
        return end;
    }

    private static void secretsIn(Scalar value, Map<String, Location> secrets) {
        for (ExpressionUse use : value.expressions()) {
            for (String name : JobPrivileges.secretsReadBy(use)) {
                secrets.putIfAbsent(name, use.location());
            }
        }
    }

    /**
     * @param tool    terraform, tofu, terragrunt, pulumi, cdk or cdktf
     * @param command the command or action as a message quotes it
     * @param applies it changes resources rather than planning
     */
    private record Plan(String tool, String command, boolean applies) {
        /** Pulumi and the CDKs run a program written in a general-purpose language, not a configuration. */
        boolean program() {
            return tool.equals("pulumi") || tool.startsWith("cdk");
        }
    }
}
