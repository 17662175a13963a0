package dev.cimatrix.discover.remote;

import dev.cimatrix.discover.remote.RestApi.Answer;
import dev.cimatrix.discover.remote.RestApi.FetchException;
import dev.cimatrix.discover.remote.RestApi.Unreadable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
        try {
            document.put("rulesets", rulesets(base));
        } catch (Unreadable e) {
            unknown.put("rulesets", e.getMessage());
        }

        progress.accept("environments");
        try {
            List<Object> environments = new ArrayList<>();
            for (JsonNode environment : api.pages(base + "/environments?per_page=100", body -> body.path("environments"),
                    "reading environments needs read access to the repository")) {
                Map<String, Object> entry = new LinkedHashMap<>();
                RestApi.copy(environment, entry, "name", "protection_rules", "deployment_branch_policy", "can_admins_bypass");
                environments.add(entry);
            }
            document.put("environments", environments);
        } catch (Unreadable e) {
            unknown.put("environments", e.getMessage());
        }

        progress.accept("Actions settings");
        Answer workflow = api.get(base + "/actions/permissions/workflow");
        Answer permissions = api.get(base + "/actions/permissions");
        Map<String, Object> actions = new LinkedHashMap<>();
        if (permissions.status() == 200) {
            RestApi.copy(permissions.body(), actions, "enabled", "allowed_actions", "sha_pinning_required");
            if (permissions.body().path("allowed_actions").asString("").equals("selected")) {
                Answer selected = api.get(base + "/actions/permissions/selected-actions");
                if (selected.status() == 200) {
                    actions.put("selected_actions", RestApi.plain(selected.body()));
                } else {
                    unknown.put("selected_actions", selected.why("reading Actions settings needs the Administration "
                            + "read permission"));
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
            unknown.put("fork_pr_approval_policy", approval.why("reading Actions settings needs the Administration "
                    + "read permission"));
        }
        if (!actions.isEmpty()) {
            document.put("actions", actions);
        }
        if (workflow.status() != 200 || permissions.status() != 200) {
            Answer failed = workflow.status() != 200 ? workflow : permissions;
            unknown.put("actions", failed.why("reading Actions settings needs the Administration read permission"));
        }
        if (!unknown.isEmpty()) {
            document.put("unknown", unknown);
        }
        return api.snapshot("GitHub repository " + repository, clock.instant(), generator,
                "cimatrix settings " + repository, "Not for the Settings app: it would apply what it reads.", document);
    }

    private static Map<String, Object> branchEntry(String branch, Object protection) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", branch);
        entry.put("protection", protection);
        return entry;
    }

    /** The rulesets that apply to the repository's branches (its own and its organisation's), each read in full. */
    private List<Object> rulesets(String base) throws FetchException, Unreadable {
        List<Object> out = new ArrayList<>();
        String hint = "reading rulesets needs read access to the repository";
        for (JsonNode summary : api.pages(base + "/rulesets?includes_parents=true&per_page=100", body -> body, hint)) {
            if (!summary.path("target").asString("branch").equals("branch") || !summary.has("id")) {
                continue;
            }
            Answer full = api.get(base + "/rulesets/" + summary.path("id").asLong() + "?includes_parents=true");
            if (full.status() != 200) {
                throw new Unreadable(full.why(hint));
            }
            Map<String, Object> ruleset = new LinkedHashMap<>();
            RestApi.copy(full.body(), ruleset, "name", "target", "source_type", "source", "enforcement", "conditions",
                    "rules", "bypass_actors");
            out.add(ruleset);
        }
        return out;
    }

}
