package dev.cimatrix.discover.remote;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
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
    /** A larger answer is not a settings document; reading stops there. */
    static final int MAX_BODY_BYTES = 8 << 20;
    /** Rulesets are listed a hundred to a page; a repository has a few. */
    static final int MAX_PAGES = 10;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final URI api;
    private final String token;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    /**
     * @param api     the API's base URL: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub
     *                Enterprise Server
     * @param token   a token for the {@code Authorization} header, or null to ask anonymously
     * @param timeout how long one request may take, connecting included
     */
    public GithubSettingsFetcher(URI api, String token, Duration timeout, Clock clock) {
        String base = api.toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Why the settings could not be read at all: the message names the request and what came back. */
    public static final class FetchException extends Exception {
        public FetchException(String message) {
            super(message);
        }
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
        JsonNode repo = get(base).require(repository);
        String branch = repo.path("default_branch").asString("");
        if (branch.isEmpty()) {
            throw new FetchException("GET " + api.resolve(base) + " answered without a default_branch: the repository "
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
        Answer protection = get(base + "/branches/" + encode(branch) + "/protection");
        if (protection.status() == 200) {
            document.put("branches", List.of(branchEntry(branch, plain(protection.body()))));
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
            for (JsonNode environment : pages(base + "/environments?per_page=100", body -> body.path("environments"),
                    "reading environments needs read access to the repository")) {
                Map<String, Object> entry = new LinkedHashMap<>();
                copy(environment, entry, "name", "protection_rules", "deployment_branch_policy", "can_admins_bypass");
                environments.add(entry);
            }
            document.put("environments", environments);
        } catch (Unreadable e) {
            unknown.put("environments", e.getMessage());
        }

        progress.accept("Actions settings");
        Answer workflow = get(base + "/actions/permissions/workflow");
        Answer permissions = get(base + "/actions/permissions");
        Map<String, Object> actions = new LinkedHashMap<>();
        if (permissions.status() == 200) {
            copy(permissions.body(), actions, "enabled", "allowed_actions", "sha_pinning_required");
            if (permissions.body().path("allowed_actions").asString("").equals("selected")) {
                Answer selected = get(base + "/actions/permissions/selected-actions");
                if (selected.status() == 200) {
                    actions.put("selected_actions", plain(selected.body()));
                } else {
                    unknown.put("selected_actions", selected.why("reading Actions settings needs the Administration "
                            + "read permission"));
                }
            }
        }
        if (workflow.status() == 200) {
            copy(workflow.body(), actions, "default_workflow_permissions", "can_approve_pull_request_reviews");
        }
        Answer approval = get(base + "/actions/permissions/fork-pr-contributor-approval");
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
        return header(repository, generator) + dump(document);
    }

    private String header(String repository, String generator) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return "# Settings of GitHub repository " + repository + ", read from " + api + " on " + now + " by "
                + generator + ".\n"
                + "# A snapshot: scan it with the repository (cimatrix scan . THIS-FILE); read it again with\n"
                + "# `cimatrix settings " + repository + "`. Not for the Settings app: it would apply what it reads.\n";
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
        for (JsonNode summary : pages(base + "/rulesets?includes_parents=true&per_page=100", body -> body, hint)) {
            if (!summary.path("target").asString("branch").equals("branch") || !summary.has("id")) {
                continue;
            }
            Answer full = get(base + "/rulesets/" + summary.path("id").asLong() + "?includes_parents=true");
            if (full.status() != 200) {
                throw new Unreadable(full.why(hint));
            }
            Map<String, Object> ruleset = new LinkedHashMap<>();
            copy(full.body(), ruleset, "name", "target", "source_type", "source", "enforcement", "conditions",
                    "rules", "bypass_actors");
            out.add(ruleset);
        }
        return out;
    }

    /**
     * The items of a listing, page after page as its {@code Link} header leads, up to {@link #MAX_PAGES} pages.
     *
     * @param items where a page's body holds its items
     */
    private List<JsonNode> pages(String first, java.util.function.Function<JsonNode, JsonNode> items, String hint)
            throws FetchException, Unreadable {
        List<JsonNode> out = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            Answer answer = get(next);
            if (answer.status() != 200) {
                throw new Unreadable(answer.why(hint));
            }
            items.apply(answer.body()).values().forEach(out::add);
            next = answer.next();
        }
        return out;
    }

    /** A part of the settings the token may not read. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private static void copy(JsonNode from, Map<String, Object> to, String... keys) {
        for (String key : keys) {
            if (from.has(key)) {
                to.put(key, plain(from.get(key)));
            }
        }
    }

    /** A JSON value as plain maps, lists and scalars, without the API's own links ({@code url}, {@code *_url}). */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("url") && !e.getKey().endsWith("_url") && !e.getKey().equals("_links")) {
                    map.put(e.getKey(), plain(e.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); ) {
                list.add(plain(it.next()));
            }
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isNull() ? null : node.asString();
    }

    private static String dump(Map<String, Object> document) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setSplitLines(false).build();
        return new Dump(settings).dumpToString(document);
    }

    private static String encode(String branch) {
        // A branch name may hold '/', which the API takes encoded.
        return URLEncoder.encode(branch, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One answer of the API. */
    private record Answer(URI uri, int status, JsonNode body, String message, Map<String, List<String>> headers) {
        JsonNode require(String repository) throws FetchException {
            if (status == 200) {
                return body;
            }
            throw new FetchException(switch (status) {
                case 401 -> "GitHub refused the token (" + uri + " answered 401" + said() + "); set GH_TOKEN or "
                        + "GITHUB_TOKEN to a valid token";
                case 404 -> "repository " + repository + " was not found, or the token cannot see it (" + uri
                        + " answered 404)";
                default -> why("");
            });
        }

        /** What went wrong, for the snapshot's {@code unknown} or an error. */
        String why(String hint) {
            String limit = rateLimit();
            if (limit != null) {
                return "GET " + uri + " answered " + status + ": " + limit;
            }
            return "GET " + uri + " answered " + status + said()
                    + (hint.isEmpty() || (status != 403 && status != 404) ? "" : " (" + hint + ")");
        }

        private String said() {
            return message.isEmpty() ? "" : " \"" + message + "\"";
        }

        /** The rate limit's reset time, when the answer says the limit is spent. */
        private String rateLimit() {
            if ((status == 403 || status == 429) && "0".equals(header("x-ratelimit-remaining"))) {
                String reset = header("x-ratelimit-reset");
                String at = "";
                try {
                    at = reset == null ? "" : " until " + Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                } catch (NumberFormatException e) {
                    // The time is left out.
                }
                return "the API rate limit is spent" + at + (status == 403 ? "; a token raises the limit" : "");
            }
            return null;
        }

        private String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The next page's path or URL, from the {@code Link} header. */
        String next() {
            String link = header("link");
            if (link == null) {
                return null;
            }
            Matcher m = NEXT_LINK.matcher(link);
            return m.find() ? m.group(1) : null;
        }
    }

    /** Makes one GET request; a network failure or an answer that is not JSON stops the read. */
    private Answer get(String pathOrUrl) throws FetchException {
        URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl)
                : api.resolve(pathOrUrl);
        if (!sameOrigin(uri)) {
            throw new FetchException("the API sent a link to another server (" + uri + "); not followed");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "cimatrix");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new FetchException("GET " + uri + " took longer than " + timeout.toSeconds() + " s; try again, or "
                    + "give more time with --timeout");
        } catch (IOException e) {
            throw new FetchException("could not reach " + uri + ": " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while reading " + uri);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new FetchException("GET " + uri + " answered with more than " + (MAX_BODY_BYTES >> 20)
                    + " MiB, which is not a settings answer; not read");
        }
        JsonNode body;
        try {
            body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        } catch (JacksonException e) {
            if (response.statusCode() == 200) {
                throw new FetchException("GET " + uri + " answered with something other than JSON; is " + api
                        + " GitHub's API?");
            }
            body = JSON.nullNode();
        }
        String message = Optional.ofNullable(body.get("message")).filter(JsonNode::isString).map(JsonNode::asString)
                .orElse("");
        return new Answer(uri, response.statusCode(), body, message, response.headers().map());
    }

    private boolean sameOrigin(URI uri) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(api.getScheme())
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(api.getHost()) && uri.getPort() == api.getPort();
    }
}
