package dev.cimatrix.discover.remote;

import dev.cimatrix.discover.remote.RestApi.Answer;
import dev.cimatrix.discover.remote.RestApi.FetchException;
import dev.cimatrix.discover.remote.RestApi.Unreadable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a repository's settings through GitHub's REST API and writes them as a settings snapshot: YAML in the
 * Settings app's shape ({@code repository}, {@code branches}, {@code rulesets}) with the Actions settings under
 * {@code actions} and what could not be read, with why, under {@code unknown}. The scan reads the snapshot like any
 * settings file, so findings point at its lines, and a scan stays offline and repeatable.
 *
 * <p>Only GET requests are made. The repository itself must be readable; each other part (branch protection,
 * rulesets, Actions settings) that the token may not read is recorded as unknown rather than failing the whole.
 */
public final class GithubSettingsFetcher {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private final RestApi api;
    private final Clock clock;

    /**
     * @param api     the API's base URL: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
     *                Enterprise Server
     * @param token   a token for the {@code Authorization} header, or null to ask anonymously
     * @param timeout how long one request may take, connecting included
     */
    public GithubSettingsFetcher(URI api, String token, Duration timeout, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token.strip());
        }
        this.api = new RestApi(api, headers, timeout);
        this.clock = clock;
    }

    /** Whether a text names a repository as {@code owner/name}. */
    public static boolean isRepository(String text) {
        return REPOSITORY.matcher(text).matches() && !text.contains("..");
    }

    /**
     * The snapshot of a repository's settings, as YAML text.
     *
     * @param repository {@code owner/name}
     * @param generator  who writes the snapshot, for its header (such as {@code cimatrix 1.4.0})
     * @param progress   told of each part as it is read
     */
    public String fetch(String repository, String generator, Consumer<String> progress) throws FetchException {
        if (!isRepository(repository)) {
            throw new FetchException("'" + repository + "' is not a repository: expected OWNER/NAME");
        }
        String base = "repos/" + repository;
        progress.accept("repository " + repository);
        JsonNode repo = api.get(base).require("repository " + repository, "GH_TOKEN or GITHUB_TOKEN");
        String branch = repo.path("default_branch").asString("");
        if (branch.isEmpty()) {
            throw new FetchException("GET " + api.uri().resolve(base) + " answered without a default_branch: the repository "
                    + "may be empty");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> repositoryPart = new LinkedHashMap<>();
        repositoryPart.put("full_name", repo.path("full_name").asString(repository));
        repositoryPart.put("default_branch", branch);
        if (repo.has("visibility")) {
            repositoryPart.put("visibility", repo.path("visibility").asString());
        }
        document.put("repository", repositoryPart);
        Map<String, String> unknown = new LinkedHashMap<>();
        JsonNode security = repo.path("security_and_analysis");
        if (security.isObject()) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (String feature : List.of("secret_scanning", "secret_scanning_push_protection")) {
                if (security.path(feature).path("status").isString()) {
                    features.put(feature, Map.of("status", security.path(feature).path("status").asString()));
                }
            }
            repositoryPart.put("security_and_analysis", features);
        } else {
            unknown.put("security_and_analysis", "GET " + api.uri().resolve(base) + " answered without "
                    + "security_and_analysis, which GitHub shows to administrators of the repository");
        }

        progress.accept("branch protection of " + branch);
        Answer protection = api.get(base + "/branches/" + RestApi.encode(branch) + "/protection");
        if (protection.status() == 200) {
            document.put("branches", List.of(branchEntry(branch, RestApi.plain(protection.body()))));
        } else if (protection.status() == 404 && protection.message().toLowerCase(Locale.ROOT).contains("not protected")) {
            document.put("branches", List.of(branchEntry(branch, null)));
        } else {
            unknown.put("branches", protection.why("reading branch protection needs the Administration read permission"));
        }

        progress.accept("rulesets");
        RestApi.put(document, unknown, "rulesets", () -> rulesets(base));
        progress.accept("environments");
        String secretsHint = "reading secrets needs the Secrets read permission (admin)";
        RestApi.put(document, unknown, "environments", () -> api.listing(base + "/environments?per_page=100",
                body -> body.path("environments"), "reading environments needs read access to the repository",
                environment -> {
                    Map<String, Object> entry = RestApi.fields(environment, "name", "protection_rules",
                            "deployment_branch_policy", "can_admins_bypass");
                    // An environment's own secrets, which only its jobs get; left out when they cannot be read.
                    String name = environment.path("name").asString("");
                    if (!name.isEmpty()) {
                        try {
                            entry.put("secrets", secretNames(base + "/environments/" + RestApi.encode(name)
                                    + "/secrets?per_page=100", secretsHint));
                        } catch (Unreadable e) {
                            unknown.putIfAbsent("environment_secrets", e.getMessage());
                        }
                    }
                    return entry;
                }));
        hooksAndActions(base, document, unknown, progress);
        progress.accept("repository secrets");
        RestApi.put(document, unknown, "secrets", () -> secretNames(base + "/actions/secrets?per_page=100",
                secretsHint));
        RestApi.put(document, unknown, "organization_secrets", () -> secretNames(base
                + "/actions/organization-secrets?per_page=100", secretsHint));
        return api.snapshot("GitHub repository " + repository, clock.instant(), generator,
                "cimatrix settings " + repository, "Not for the Settings app: it would apply what it reads.", document,
                unknown);
    }

    /**
     * The snapshot of an organisation's settings: its own (two-factor requirement, base permission, which answer
     * owners only) and its Actions settings, in the shape of a repository's.
     *
     * @param organization its login, such as {@code acme}
     */
    public String fetchOrganization(String organization, String generator, Consumer<String> progress)
            throws FetchException {
        if (!isOrganization(organization)) {
            throw new FetchException("'" + organization + "' is not an organisation: expected org:LOGIN");
        }
        String base = "orgs/" + organization;
        progress.accept("organisation " + organization);
        JsonNode org = api.get(base).require("organisation " + organization, "GH_TOKEN or GITHUB_TOKEN");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("organization", RestApi.fields(org, "login", "two_factor_requirement_enabled",
                "default_repository_permission", "members_can_create_public_repositories", "web_commit_signoff_required"));
        Map<String, String> unknown = new LinkedHashMap<>();
        if (!org.has("two_factor_requirement_enabled") || !org.has("default_repository_permission")) {
            unknown.put("organization", "GET " + api.uri().resolve(base) + " answered without "
                    + "two_factor_requirement_enabled or default_repository_permission, which GitHub shows to owners only");
        }
        hooksAndActions(base, document, unknown, progress);
        progress.accept("runner groups");
        RestApi.put(document, unknown, "runner_groups", () -> runnerGroups(base));
        progress.accept("organisation secrets");
        RestApi.put(document, unknown, "secrets", () -> api.listing(base + "/actions/secrets?per_page=100",
                body -> body.path("secrets"), "reading organisation secrets needs the Secrets read permission (admin)",
                secret -> RestApi.fields(secret, "name", "visibility", "created_at", "updated_at")));
        return api.snapshot("GitHub organisation " + organization, clock.instant(), generator,
                "cimatrix settings org:" + organization, "", document, unknown);
    }

    /** The webhooks and Actions settings, which a repository and an organisation answer alike under their base. */
    private void hooksAndActions(String base, Map<String, Object> document, Map<String, String> unknown,
                                 Consumer<String> progress) throws FetchException {
        progress.accept("webhooks");
        RestApi.put(document, unknown, "hooks", () -> hooks(base));
        progress.accept("Actions settings");
        actions(base, document, unknown);
    }

    /**
     * The webhooks of a repository or an organisation, their URLs with credentials masked: a receiver's URL often
     * carries a token ({@code https://user:token@ci/…}, {@code ?token=…}), which the snapshot must not hold.
     */
    private List<Object> hooks(String base) throws FetchException, Unreadable {
        return api.listing(base + "/hooks?per_page=100", body -> body,
                "reading webhooks needs the Webhooks read permission (admin)", hook -> {
                    Map<String, Object> entry = RestApi.fields(hook, "name", "active", "events");
                    JsonNode given = hook.path("config");
                    Map<String, Object> config = new LinkedHashMap<>();
                    config.put("url", RestApi.maskedUrl(given.path("url").asString("")));
                    RestApi.copy(given, config, "content_type", "insecure_ssl", "secret");
                    entry.put("config", config);
                    return entry;
                });
    }

    /**
     * The self-hosted runner groups of an organisation, each with how many runners it holds (left out when the count
     * cannot be read: a group's risk is its runners).
     */
    private List<Object> runnerGroups(String base) throws FetchException, Unreadable {
        return api.listing(base + "/actions/runner-groups?per_page=100", body -> body.path("runner_groups"),
                "reading runner groups needs the Self-hosted runners read permission (admin)", group -> {
                    Map<String, Object> entry = RestApi.fields(group, "name", "visibility", "default",
                            "allows_public_repositories", "restricted_to_workflows", "selected_workflows");
                    if (group.has("id")) {
                        Answer runners = api.get(base + "/actions/runner-groups/" + group.path("id").asLong()
                                + "/runners?per_page=1");
                        if (runners.status() == 200 && runners.body().path("total_count").isNumber()) {
                            entry.put("runners", runners.body().path("total_count").asLong());
                        }
                    }
                    return entry;
                });
    }

    /** The names and dates of a listing of Actions secrets (never their values). */
    private List<Object> secretNames(String first, String hint) throws FetchException, Unreadable {
        return api.listing(first, body -> body.path("secrets"), hint,
                secret -> RestApi.fields(secret, "name", "created_at", "updated_at"));
    }

    /** Whether a text is an organisation's login. */
    public static boolean isOrganization(String text) {
        return ORGANIZATION.matcher(text).matches();
    }

    /**
     * The Actions settings of a repository or an organisation ({@code base} is {@code repos/o/r} or {@code orgs/o}),
     * which answer at the same paths in the same shapes, into the document's {@code actions}.
     */
    private void actions(String base, Map<String, Object> document, Map<String, String> unknown) throws FetchException {
        String hint = "reading Actions settings needs the Administration read permission";
        Answer workflow = api.get(base + "/actions/permissions/workflow");
        Answer permissions = api.get(base + "/actions/permissions");
        Map<String, Object> actions = new LinkedHashMap<>();
        if (permissions.status() == 200) {
            RestApi.copy(permissions.body(), actions, "enabled", "enabled_repositories", "allowed_actions",
                    "sha_pinning_required");
            if (permissions.body().path("allowed_actions").asString("").equals("selected")) {
                Answer selected = api.get(base + "/actions/permissions/selected-actions");
                if (selected.status() == 200) {
                    actions.put("selected_actions", RestApi.plain(selected.body()));
                } else {
                    unknown.put("selected_actions", selected.why(hint));
                }
            }
        }
        if (workflow.status() == 200) {
            RestApi.copy(workflow.body(), actions, "default_workflow_permissions", "can_approve_pull_request_reviews");
        }
        Answer approval = api.get(base + "/actions/permissions/fork-pr-contributor-approval");
        if (approval.status() == 200 && approval.body().path("approval_policy").isString()) {
            actions.put("fork_pr_approval_policy", approval.body().path("approval_policy").asString());
        } else {
            unknown.put("fork_pr_approval_policy", approval.why(hint));
        }
        if (!actions.isEmpty()) {
            document.put("actions", actions);
        }
        if (workflow.status() != 200 || permissions.status() != 200) {
            unknown.put("actions", (workflow.status() != 200 ? workflow : permissions).why(hint));
        }
    }

    private static Map<String, Object> branchEntry(String branch, Object protection) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", branch);
        entry.put("protection", protection);
        return entry;
    }

    /** The rulesets that apply to the repository's branches (its own and its organisation's), each read in full. */
    private List<Object> rulesets(String base) throws FetchException, Unreadable {
        String hint = "reading rulesets needs read access to the repository";
        return api.listing(base + "/rulesets?includes_parents=true&per_page=100", body -> body, hint, summary -> {
            if (!summary.path("target").asString("branch").equals("branch") || !summary.has("id")) {
                return null;
            }
            Answer full = api.get(base + "/rulesets/" + summary.path("id").asLong() + "?includes_parents=true");
            if (full.status() != 200) {
                throw new Unreadable(full.why(hint));
            }
            return RestApi.fields(full.body(), "name", "target", "source_type", "source", "enforcement", "conditions",
                    "rules", "bypass_actors");
        });
    }
}
