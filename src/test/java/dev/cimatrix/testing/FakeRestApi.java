package dev.cimatrix.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST API (GitHub's, GitLab's) on loopback, answering recorded responses ({@code src/test/resources/remote}) by
 * request path and query; an unknown path answers 404 as both do. It records each request's path and its
 * {@code Authorization} or {@code PRIVATE-TOKEN} header.
 */
public final class FakeRestApi implements AutoCloseable {
    public static final Path RECORDED = Path.of("src", "test", "resources", "remote");

    /** One answer: status, body and headers. */
    public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }

        public static Answer recorded(String file) {
            try {
                return json(200, Files.readString(RECORDED.resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, more, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    public FakeRestApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** GitHub's API with the recorded answers of the repository {@code acme/widget}. */
    public static FakeRestApi githubWidget() throws IOException {
        FakeRestApi api = new FakeRestApi();
        api.on("/repos/acme/widget", Answer.recorded("github/repo.json"));
        api.on("/repos/acme/widget/branches/main/protection", Answer.recorded("github/protection.json"));
        api.on("/repos/acme/widget/rulesets?includes_parents=true&per_page=100", Answer.recorded("github/rulesets.json"));
        api.on("/repos/acme/widget/rulesets/42?includes_parents=true", Answer.recorded("github/ruleset-42.json"));
        api.on("/repos/acme/widget/environments?per_page=100", Answer.recorded("github/environments.json"));
        api.on("/repos/acme/widget/actions/permissions/workflow", Answer.recorded("github/actions-workflow.json"));
        api.on("/repos/acme/widget/actions/permissions", Answer.recorded("github/actions-permissions.json"));
        api.on("/repos/acme/widget/actions/permissions/fork-pr-contributor-approval",
                Answer.recorded("github/fork-pr-contributor-approval.json"));
        api.on("/repos/acme/widget/hooks?per_page=100", Answer.recorded("github/hooks.json"));
        api.on("/repos/acme/widget/actions/secrets?per_page=100", Answer.recorded("github/secrets.json"));
        api.on("/repos/acme/widget/actions/organization-secrets?per_page=100",
                Answer.recorded("github/organization-secrets.json"));
        api.on("/repos/acme/widget/environments/production/secrets?per_page=100",
                Answer.recorded("github/environment-production-secrets.json"));
        api.on("/repos/acme/widget/environments/github-pages/secrets?per_page=100",
                Answer.json(200, "{\"total_count\": 0, \"secrets\": []}"));
        api.on("/orgs/acme", Answer.recorded("github/org.json"));
        api.on("/orgs/acme/hooks?per_page=100", Answer.json(200, "[]"));
        api.on("/orgs/acme/actions/permissions", Answer.recorded("github/org-actions-permissions.json"));
        api.on("/orgs/acme/actions/permissions/selected-actions", Answer.recorded("github/org-selected-actions.json"));
        api.on("/orgs/acme/actions/permissions/workflow", Answer.recorded("github/org-actions-workflow.json"));
        api.on("/orgs/acme/actions/permissions/fork-pr-contributor-approval",
                Answer.recorded("github/fork-pr-contributor-approval.json"));
        api.on("/orgs/acme/actions/runner-groups?per_page=100", Answer.recorded("github/org-runner-groups.json"));
        api.on("/orgs/acme/actions/runner-groups/1/runners?per_page=1",
                Answer.recorded("github/org-runner-group-1-runners.json"));
        api.on("/orgs/acme/actions/runner-groups/2/runners?per_page=1",
                Answer.recorded("github/org-runner-group-2-runners.json"));
        api.on("/orgs/acme/actions/secrets?per_page=100", Answer.recorded("github/org-secrets.json"));
        return api;
    }

    /** GitLab's API (under {@code /api/v4}) with the recorded answers of the project {@code acme/widget}. */
    public static FakeRestApi gitlabWidget() throws IOException {
        FakeRestApi api = new FakeRestApi();
        String project = "/api/v4/projects/acme%2Fwidget";
        api.on(project, Answer.recorded("gitlab/project.json"));
        api.on(project + "/protected_branches?per_page=100", Answer.recorded("gitlab/protected_branches.json"));
        api.on(project + "/approvals", Answer.recorded("gitlab/approvals.json"));
        api.on(project + "/approval_rules?per_page=100", Answer.recorded("gitlab/approval_rules.json"));
        api.on(project + "/job_token_scope", Answer.recorded("gitlab/job_token_scope.json"));
        api.on(project + "/variables?per_page=100", Answer.recorded("gitlab/variables.json"));
        return api;
    }

    /** Answers a path (with its query, if any) from now on. */
    public FakeRestApi on(String pathAndQuery, Answer answer) {
        answers.put(pathAndQuery, answer);
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        requests.add(exchange.getRequestMethod() + " " + key);
        String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .orElse(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
        authorizations.add(auth == null ? "" : auth);
        Answer answer = answers.getOrDefault(key, Answer.json(404,
                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}"));
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (a timeout under test).
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
