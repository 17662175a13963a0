package dev.cimatrix.discover.remote;

import dev.cimatrix.discover.remote.RestApi.FetchException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a GitLab project's settings through GitLab's REST API (v4) and writes them as a settings snapshot: the
 * project's CI/CD attributes under {@code gitlab_project}, its {@code protected_branches}, merge request
 * {@code approvals} and {@code approval_rules}, its {@code job_token_scope} and its CI/CD {@code variables} (names and
 * flags, never values), in GitLab's field names, with what
 * could not be read under {@code unknown}. Only GET requests are made; the project itself must be readable.
 */
public final class GitlabSettingsFetcher {
    /** A project path: a namespace (groups and subgroups) and a name. */
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final String MAINTAINER = "reading it needs the Maintainer role";

    private final RestApi api;
    private final Clock clock;

    /**
     * @param api   the API's base URL: {@code https://gitlab.com/api/v4}, or {@code https://HOST/api/v4}
     * @param token a personal, group or project access token with {@code read_api}, or null to ask anonymously
     */
    public GitlabSettingsFetcher(URI api, String token, Duration timeout, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            headers.put("PRIVATE-TOKEN", token.strip());
        }
        this.api = new RestApi(api, headers, timeout);
        this.clock = clock;
    }

    /** Whether a text names a project as {@code group/name} (or {@code group/subgroup/name}). */
    public static boolean isProject(String text) {
        return PROJECT.matcher(text).matches() && !text.contains("..");
    }

    /**
     * The snapshot of a project's settings, as YAML text.
     *
     * @param project   its path, such as {@code acme/platform/widget}
     * @param generator who writes the snapshot, for its header
     * @param progress  told of each part as it is read
     */
    public String fetch(String project, String generator, Consumer<String> progress) throws FetchException {
        if (!isProject(project)) {
            throw new FetchException("'" + project + "' is not a project: expected GROUP/NAME");
        }
        String base = "projects/" + RestApi.encode(project);
        progress.accept("project " + project);
        JsonNode attributes = api.get(base).require("project " + project, "GITLAB_TOKEN");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("gitlab_project", RestApi.fields(attributes, "path_with_namespace", "default_branch", "visibility",
                "only_allow_merge_if_pipeline_succeeds", "allow_merge_on_skipped_pipeline",
                "ci_pipeline_variables_minimum_override_role", "restrict_user_defined_variables",
                "ci_forward_deployment_enabled", "public_jobs"));
        Map<String, String> unknown = new LinkedHashMap<>();

        progress.accept("protected branches");
        RestApi.put(document, unknown, "protected_branches", () -> api.listing(base + "/protected_branches?per_page=100",
                body -> body, MAINTAINER, branch -> RestApi.fields(branch, "name", "push_access_levels",
                        "merge_access_levels", "allow_force_push", "code_owner_approval_required")));

        progress.accept("merge request approvals");
        String premium = "approval settings need GitLab Premium or Ultimate, and the Maintainer role";
        RestApi.put(document, unknown, "approvals", () -> api.object(base + "/approvals", premium,
                "approvals_before_merge", "reset_approvals_on_push", "merge_requests_author_approval",
                "merge_requests_disable_committers_approval", "disable_overriding_approvers_per_merge_request"));
        RestApi.put(document, unknown, "approval_rules", () -> api.listing(base + "/approval_rules?per_page=100",
                body -> body, premium, rule -> {
                    Map<String, Object> entry = RestApi.fields(rule, "name", "rule_type", "approvals_required",
                            "applies_to_all_protected_branches");
                    List<Object> names = new ArrayList<>();
                    rule.path("protected_branches").values()
                            .forEach(b -> names.add(Map.of("name", b.path("name").asString(""))));
                    entry.put("protected_branches", names);
                    return entry;
                }));

        progress.accept("job token scope");
        RestApi.put(document, unknown, "job_token_scope", () -> api.object(base + "/job_token_scope", MAINTAINER,
                "inbound_enabled", "outbound_enabled"));
        progress.accept("CI/CD variables");
        // Names and how each is guarded, never a value: GitLab answers them all to a maintainer.
        RestApi.put(document, unknown, "variables", () -> api.listing(base + "/variables?per_page=100", body -> body,
                MAINTAINER, variable -> RestApi.fields(variable, "key", "variable_type", "protected", "masked", "hidden",
                        "raw", "environment_scope")));
        return api.snapshot("GitLab project " + project, clock.instant(), generator,
                "cimatrix settings --gitlab " + project, "", document, unknown);
    }
}
