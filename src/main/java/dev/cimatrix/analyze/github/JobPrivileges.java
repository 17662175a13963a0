package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Permissions;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a job can reach, read from its definition: secrets by name, write scopes of its token, the cloud
 * roles it assumes through OIDC, the registries it pushes to, its environment and its deploy steps.
 *
 * @param secrets      secret name (upper case) to its first use; {@code *} when the job inherits all secrets
 * @param writeScopes  token scope to where write is granted; empty when the permissions are not written
 * @param tokenDefault true when neither job nor workflow writes permissions, so the repository default applies, and
 *                     no settings file of the scan says what that default is
 * @param idToken      true when the job may request an OIDC token ({@code id-token: write})
 * @param cloudRoles   roles assumed through the cloud login actions
 * @param registries   registries logged in to or pushed to
 * @param deploySteps  steps that deploy (kubectl, helm, terraform apply, cloud deploy commands and actions)
 */
public record JobPrivileges(Map<String, Location> secrets, Map<String, Location> writeScopes, boolean tokenDefault,
                            boolean idToken, List<AssumedRole> cloudRoles, List<Scalar> registries,
                            Scalar environment, List<Location> deploySteps) {
    /** A cloud role a job assumes: provider (aws, gcp, azure), the role as written, and where. */
    public record AssumedRole(String provider, String role, Location location) {
    }

    private static final Pattern DEPLOY_COMMAND = Pattern.compile(
            "\\b(kubectl\\s+(apply|set|rollout|create|replace|patch)|helm\\s+(upgrade|install)|terraform\\s+apply"
                    + "|aws\\s+(ecs\\s+update-service|lambda\\s+update-function-code|s3\\s+(sync|cp)|cloudformation\\s+deploy)"
                    + "|gcloud\\s+(run\\s+deploy|app\\s+deploy|functions\\s+deploy)|az\\s+(webapp|functionapp)\\s+deploy"
                    + "|kubectl\\s+rollout|flyctl\\s+deploy|vercel\\s+deploy|npm\\s+publish|docker\\s+push|twine\\s+upload)");

    /** The first word of every deploy command: a script with none of them is not searched with the pattern. */
    private static final TextSearch DEPLOY_WORDS = TextSearch.anyOf("kubectl", "helm", "terraform", "aws", "gcloud",
            "az", "flyctl", "vercel", "npm", "docker", "twine");

    /** Actions that deploy or publish, as lower-case {@code owner/repo}. */
    private static final Set<String> DEPLOY_ACTIONS = Set.of("azure/webapps-deploy", "azure/k8s-deploy",
            "aws-actions/amazon-ecs-deploy-task-definition", "google-github-actions/deploy-cloudrun",
            "google-github-actions/deploy-appengine", "pypa/gh-action-pypi-publish", "appleboy/ssh-action",
            "peaceiris/actions-gh-pages", "jamesives/github-pages-deploy-action");

    public JobPrivileges {
        secrets = java.util.Collections.unmodifiableMap(new TreeMap<>(secrets));
        writeScopes = java.util.Collections.unmodifiableMap(new TreeMap<>(writeScopes));
        cloudRoles = List.copyOf(cloudRoles);
        registries = List.copyOf(registries);
        deploySteps = List.copyOf(deploySteps);
    }

    public static JobPrivileges of(Workflow workflow, Job job) {
        return of(workflow, job, Optional.empty());
    }

    /**
     * As {@link #of(Workflow, Job)}, with the repository's default token as a settings file of the scan states it:
     * a job that writes no permissions then holds a token that can write everything, or one that reads only.
     */
    public static JobPrivileges of(Inventory inventory, Workflow workflow, Job job) {
        return of(workflow, job, DefaultToken.of(inventory, workflow.path()));
    }

    private static JobPrivileges of(Workflow workflow, Job job, Optional<DefaultToken> defaultToken) {
        Permissions permissions = job.permissions().isAbsent() ? workflow.permissions() : job.permissions();
        Map<String, Location> writes = new LinkedHashMap<>();
        boolean tokenDefault = permissions.isAbsent() && defaultToken.isEmpty();
        if (permissions.isAbsent() && defaultToken.isPresent() && defaultToken.get().writes()) {
            writes.put("all", defaultToken.get().location());
        }
        if (permissions.mode() == Permissions.Mode.WRITE_ALL) {
            writes.put("all", permissions.location());
        } else {
            permissions.writeScopes().keySet().forEach(scope -> writes.put(scope, permissions.location()));
        }
        boolean idToken = permissions.level("id-token") == Permissions.Level.WRITE;
        List<AssumedRole> roles = new ArrayList<>();
        List<Scalar> registries = new ArrayList<>();
        List<Location> deploys = new ArrayList<>();
        for (Step step : job.steps()) {
            assumedRole(step).ifPresent(roles::add);
            if (step.uses("docker/login-action")) {
                registries.add(step.input("registry").map(KeyValue::value)
                        .orElse(Scalar.of("docker.io", step.uses().location())));
            }
            if (step.uses("docker/build-push-action") && step.inputValue("push").map(v -> v.strip().equals("true")).orElse(false)) {
                registries.add(step.input("tags").map(KeyValue::value).orElse(Scalar.of("docker.io", step.uses().location())));
            }
            boolean deployAction = step.uses() != null && step.uses().kind() == ActionRef.Kind.REPOSITORY
                    && DEPLOY_ACTIONS.contains(step.uses().repository());
            if (deployAction || (step.run() != null && DEPLOY_WORDS.foundIn(step.run().value())
                    && DEPLOY_COMMAND.matcher(step.run().value()).find())) {
                deploys.add(step.actionLocation());
            }
        }
        return new JobPrivileges(secretsOf(workflow, job), writes, tokenDefault, idToken, roles, registries,
                job.environment(), deploys);
    }

    /** The role a cloud login step assumes, from aws-actions, google-github-actions and azure/login. */
    public static Optional<AssumedRole> assumedRole(Step step) {
        if (step.uses("aws-actions/configure-aws-credentials")) {
            return step.input("role-to-assume").map(kv -> new AssumedRole("aws", kv.value().value(), kv.value().location()));
        }
        if (step.uses("google-github-actions/auth")) {
            return step.input("service_account").or(() -> step.input("workload_identity_provider"))
                    .map(kv -> new AssumedRole("gcp", kv.value().value(), kv.value().location()));
        }
        if (step.uses("azure/login")) {
            return step.input("client-id").map(kv -> new AssumedRole("azure", kv.value().value(), kv.value().location()));
        }
        return Optional.empty();
    }

    /**
     * Every {@code secrets.NAME} the job's values read, GITHUB_TOKEN excluded (its scopes say what it can do), with
     * where it is first read; {@code *} for {@code secrets: inherit}.
     */
    public static Map<String, Location> secretsOf(Workflow workflow, Job job) {
        List<Scalar> values = new ArrayList<>();
        workflow.env().forEach(kv -> values.add(kv.value()));
        job.env().forEach(kv -> values.add(kv.value()));
        job.with().forEach(kv -> values.add(kv.value()));
        job.secrets().forEach(kv -> values.add(kv.value()));
        if (job.container() != null) {
            job.container().credentials().forEach(kv -> values.add(kv.value()));
        }
        for (Step step : job.steps()) {
            step.env().forEach(kv -> values.add(kv.value()));
            step.with().forEach(kv -> values.add(kv.value()));
            if (step.run() != null) {
                values.add(step.run());
            }
        }
        Map<String, Location> found = new LinkedHashMap<>();
        if (job.secretsInherit()) {
            found.put("*", job.location());
        }
        for (Scalar value : values) {
            for (ExpressionUse use : value.expressions()) {
                for (String name : secretsReadBy(use)) {
                    found.putIfAbsent(name, use.location());
                }
            }
        }
        return found;
    }

    /** The secrets an expression reads by name ({@code secrets.NPM_TOKEN}), upper case, GITHUB_TOKEN excluded. */
    public static List<String> secretsReadBy(ExpressionUse use) {
        List<String> names = new ArrayList<>(1);
        for (String path : ContextPaths.readBy(use.expr())) {
            if (path.startsWith("secrets.") && !path.equals("secrets.github_token") && !path.equals("secrets.*")) {
                names.add(path.substring("secrets.".length()).toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * True when the job holds nothing that code running in it could steal or use: no secrets, a token whose
     * permissions are written and grant no write scope, no OIDC token, cloud role, registry, environment or
     * deploy step. Code that gets into such a job reaches only its workspace and its results.
     */
    public boolean holdsNothing() {
        return secrets.isEmpty() && writeScopes.isEmpty() && !tokenDefault && !idToken && cloudRoles.isEmpty()
                && registries.isEmpty() && environment == null && deploySteps.isEmpty();
    }

    /** One line per privilege, for reports. */
    public List<String> describe() {
        return describe(true);
    }

    /** One line per privilege, with or without the token of the repository's default permissions. */
    public List<String> describe(boolean defaultToken) {
        List<String> out = new ArrayList<>();
        secrets.keySet().forEach(s -> out.add(s.equals("*") ? "inherits every secret" : "secret " + s));
        writeScopes.keySet().forEach(s -> out.add("token " + s + ": write"));
        if (tokenDefault && defaultToken) {
            out.add("token with the repository's default permissions, which may be read-write");
        }
        if (idToken) {
            out.add("OIDC token (id-token: write)");
        }
        cloudRoles.forEach(r -> out.add(r.provider() + " role " + r.role()));
        registries.forEach(r -> out.add("pushes to " + r.value()));
        if (environment != null) {
            out.add("environment " + environment.value());
        }
        if (!deploySteps.isEmpty()) {
            out.add(deploySteps.size() + " deploy step" + (deploySteps.size() == 1 ? "" : "s"));
        }
        return out;
    }
}
