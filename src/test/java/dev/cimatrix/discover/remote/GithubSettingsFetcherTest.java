package dev.cimatrix.discover.remote;

import dev.cimatrix.discover.remote.RestApi.FetchException;
import dev.cimatrix.testing.FakeRestApi;
import dev.cimatrix.testing.FakeRestApi.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import static dev.cimatrix.discover.remote.SnapshotScan.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GithubSettingsFetcherTest {
    /** The findings of a scan of the snapshot, as "line check". */
    private List<String> scan(String snapshot) throws IOException {
        return SnapshotScan.findings(dir, snapshot).stream().map(f -> f.substring(0, f.lastIndexOf(' '))).toList();
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static GithubSettingsFetcher fetcher(FakeRestApi api, String token, Duration timeout) {
        return new GithubSettingsFetcher(api.uri(), token, timeout, CLOCK);
    }

    private static String fetch(FakeRestApi api) throws FetchException {
        return fetcher(api, "t0ken", Duration.ofSeconds(10)).fetch("acme/widget", "cimatrix test", part -> { });
    }

    @Test
    void aSnapshotHoldsWhatTheApiAnswersAndTheChecksJudgeIt() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            String snapshot = fetch(api);
            assertThat(snapshot).startsWith("# Settings of GitHub repository acme/widget, read from " + api.uri()
                    + "/ on 2026-12-07T12:00:00Z by cimatrix test.\n");
            assertThat(snapshot).contains("default_branch: main").contains("allowed_actions: all")
                    .contains("sha_pinning_required: false").contains("fork_pr_approval_policy: first_time_contributors")
                    .doesNotContain("api.github.com").doesNotContain("_links").doesNotContain("unknown:")
                    .doesNotContain("release tags");
            assertThat(api.authorizations()).isNotEmpty().allMatch(a -> a.equals("Bearer t0ken"));
            assertThat(api.requests()).allMatch(r -> r.startsWith("GET "));

            // Protection asks for a review, so the branch is reviewed; neither it nor the ruleset dismisses stale
            // approvals; protection allows force pushes (the ruleset blocks deletion); administrators are not bound
            // and an app bypasses the ruleset always; the Actions settings are both reported.
            assertThat(scan(snapshot)).containsExactlyInAnyOrder(
                    lineOf(snapshot, "allow_force_pushes:") + 1 + " github-branch-force-push",
                    lineOf(snapshot, "enforce_admins:") + 1 + " github-branch-bypass",
                    lineOf(snapshot, "actor_id: 987654") + " github-branch-bypass",
                    lineOf(snapshot, "required_pull_request_reviews:") + 1 + " github-stale-approval",
                    lineOf(snapshot, "default_workflow_permissions:") + " github-default-token-write",
                    lineOf(snapshot, "can_approve_pull_request_reviews:") + " github-token-approves-prs",
                    lineOf(snapshot, "allowed_actions:") + " github-actions-policy",
                    lineOf(snapshot, "fork_pr_approval_policy:") + " github-fork-pr-approval",
                    lineOf(snapshot, "- name: github-pages") + " github-environment-unprotected",
                    lineOf(snapshot, "- name: web") + " github-webhook-insecure",
                    lineOf(snapshot, "secret_scanning_push_protection:") + 1 + " github-secret-scanning",
                    lineOf(snapshot, "- name: CODECOV_TOKEN") + 2 + " github-secret-stale");
            assertThat(snapshot).endsWith("read_at: 2026-12-07T12:00:00Z\n").contains("organization_secrets:")
                    .contains("- name: DEPLOY_KEY");
            assertThat(snapshot).doesNotContain("dependabot_security_updates");
            // The receiver's credentials are not kept.
            assertThat(snapshot).contains("url: https://***@jenkins.acme.dev/github-webhook/")
                    .doesNotContain("s3cr3tT0ken");
        }
    }

    @Test
    void anOrganisationsSnapshotHoldsItsOwnAndItsActionsSettings() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            String snapshot = fetcher(api, "t0ken", Duration.ofSeconds(10)).fetchOrganization("acme", "cimatrix test",
                    part -> { });
            assertThat(snapshot).startsWith("# Settings of GitHub organisation acme,").contains("organization:")
                    .contains("enabled_repositories: all").contains("patterns_allowed:").doesNotContain("repos_url")
                    .doesNotContain("unknown:");
            // Only members' two-factor sign-in and their base permission are reported: the actions are a selection,
            // the default token reads, and the fork approval policy is not judged without a repository's visibility.
            // Group 3's runners cannot be read (no answer), so its count is left out; it is limited to workflows.
            assertThat(snapshot).contains("runners: 12").contains("runners: 0").doesNotContain("runners_url")
                    .doesNotContain("selected_repositories_url");
            // Besides: members create public repositories, the builders group lets public repositories in, the Default group (which holds no runner)
            // takes every repository's workflows, and two secrets reach more than selected repositories.
            assertThat(scan(snapshot)).containsExactlyInAnyOrder(
                    lineOf(snapshot, "two_factor_requirement_enabled:") + " github-org-2fa",
                    lineOf(snapshot, "default_repository_permission:") + " github-org-base-permission",
                    lineOf(snapshot, "members_can_create_public_repositories:") + " github-org-public-repos",
                    lineOf(snapshot, "allows_public_repositories: true") + " github-runner-group-public",
                    lineOf(snapshot, "visibility: all") + " github-runner-group-shared",
                    lineOf(snapshot, "- name: NPM_TOKEN") + 1 + " github-org-secret-all-repos",
                    lineOf(snapshot, "- name: SONAR_TOKEN") + 1 + " github-org-secret-all-repos",
                    lineOf(snapshot, "- name: NPM_TOKEN") + 3 + " github-secret-stale");
            api.on("/orgs/acme", Answer.json(200, "{\"login\": \"acme\", \"id\": 1}"));
            String member = fetcher(api, "t0ken", Duration.ofSeconds(10)).fetchOrganization("acme", "t", part -> { });
            assertThat(member).contains("organization: GET " + api.uri() + "/orgs/acme answered without "
                    + "two_factor_requirement_enabled or default_repository_permission, which GitHub shows to owners only");
        }
    }

    @Test
    void anUnprotectedBranchIsWrittenAsProtectionOff() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget/branches/main/protection", Answer.json(404,
                    "{\"message\":\"Branch not protected\",\"documentation_url\":\"https://docs.github.com/rest\"}"));
            api.on("/repos/acme/widget/rulesets?includes_parents=true&per_page=100", Answer.json(200, "[]"));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("protection: null");
            assertThat(new TreeSet<>(scan(snapshot).stream().map(f -> f.substring(f.indexOf(' ') + 1)).toList()))
                    .contains("github-branch-review", "github-branch-force-push");
        }
    }

    @Test
    void whatTheTokenMayNotReadIsUnknownAndJudgedByNoCheck() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            String refused = "{\"message\":\"Resource not accessible by integration\",\"status\":\"403\"}";
            api.on("/repos/acme/widget/branches/main/protection", Answer.json(403, refused));
            api.on("/repos/acme/widget/actions/permissions/workflow", Answer.json(403, refused));
            api.on("/repos/acme/widget/rulesets/42?includes_parents=true", Answer.recorded("github/ruleset-42.json")
                    .withHeader("X-Ignored", "1"));
            // Answered to a token that does not administer the repository: no security_and_analysis.
            api.on("/repos/acme/widget", Answer.json(200, "{\"full_name\": \"acme/widget\", \"default_branch\": "
                    + "\"main\", \"visibility\": \"public\"}"));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("security_and_analysis: GET " + api.uri() + "/repos/acme/widget answered "
                    + "without security_and_analysis, which GitHub shows to administrators of the repository");
            assertThat(snapshot).contains("unknown:").contains("branches: GET " + api.uri()
                    + "/repos/acme/widget/branches/main/protection answered 403 \"Resource not accessible by "
                    + "integration\" (reading branch protection needs the Administration read permission)");
            assertThat(snapshot).contains("actions: GET");
            // The ruleset requires a review: not reported. Whether protection dismisses stale approvals or blocks
            // force pushes is unknown: not reported either, nor the default token's permissions. The app's bypass and
            // the Actions settings that could be read are seen, and so reported.
            assertThat(scan(snapshot)).containsExactly(lineOf(snapshot, "actor_id: 987654") + " github-branch-bypass",
                    lineOf(snapshot, "- name: github-pages") + " github-environment-unprotected",
                    lineOf(snapshot, "- name: web") + " github-webhook-insecure",
                    lineOf(snapshot, "allowed_actions:") + " github-actions-policy",
                    lineOf(snapshot, "fork_pr_approval_policy:") + " github-fork-pr-approval",
                    lineOf(snapshot, "- name: CODECOV_TOKEN") + 2 + " github-secret-stale");
        }
    }

    @Test
    void rulesetsAreReadPageByPage() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget/rulesets?includes_parents=true&per_page=100", Answer.recorded("github/rulesets.json")
                    .withHeader("Link", "<" + api.uri() + "/repos/acme/widget/rulesets?includes_parents=true"
                            + "&per_page=100&page=2>; rel=\"next\", <" + api.uri() + "/repos/acme/widget/rulesets"
                            + "?includes_parents=true&per_page=100&page=2>; rel=\"last\""));
            api.on("/repos/acme/widget/rulesets?includes_parents=true&per_page=100&page=2", Answer.json(200,
                    "[{\"id\": 44, \"name\": \"organisation rules\", \"target\": \"branch\"}]"));
            api.on("/repos/acme/widget/rulesets/44?includes_parents=true", Answer.json(200, "{\"id\": 44, "
                    + "\"name\": \"organisation rules\", \"target\": \"branch\", \"source_type\": \"Organization\", "
                    + "\"source\": \"acme\", \"enforcement\": \"evaluate\", \"rules\": [{\"type\": \"non_fast_forward\"}]}"));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("name: main rules").contains("name: organisation rules")
                    .contains("source_type: Organization");
        }
    }

    @Test
    void aSelectionOfActionsIsReadWithItsPatterns() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget/actions/permissions", Answer.json(200,
                    "{\"enabled\": true, \"allowed_actions\": \"selected\", \"selected_actions_url\": \"x\"}"));
            api.on("/repos/acme/widget/actions/permissions/selected-actions", Answer.json(200,
                    "{\"github_owned_allowed\": true, \"verified_allowed\": false, \"patterns_allowed\": [\"*\"]}"));
            api.on("/repos/acme/widget/actions/permissions/fork-pr-contributor-approval", Answer.json(404,
                    "{\"message\": \"Not Found\"}"));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("selected_actions:").contains("patterns_allowed:").doesNotContain("selected_actions_url")
                    .contains("fork_pr_approval_policy: GET " + api.uri() + "/repos/acme/widget/actions/permissions/"
                            + "fork-pr-contributor-approval answered 404 \"Not Found\"");
            assertThat(scan(snapshot)).contains(lineOf(snapshot, "allowed_actions:") + " github-actions-policy")
                    .noneMatch(f -> f.endsWith("github-fork-pr-approval"));
        }
    }

    @Test
    void aRepositoryThatCannotBeReadStopsWithWhy() throws Exception {
        try (FakeRestApi api = new FakeRestApi()) {
            assertThatThrownBy(() -> fetch(api)).isInstanceOf(FetchException.class)
                    .hasMessage("repository acme/widget was not found, or the token cannot see it (" + api.uri()
                            + "/repos/acme/widget answered 404)");
            api.on("/repos/acme/widget", Answer.json(401, "{\"message\":\"Bad credentials\"}"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("refused the token")
                    .hasMessageContaining("\"Bad credentials\"").hasMessageContaining("GH_TOKEN")
                    .hasMessageNotContaining("t0ken");
            api.on("/repos/acme/widget", Answer.json(403, "{\"message\":\"API rate limit exceeded\"}")
                    .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796644800"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("the API rate limit is spent until "
                    + Instant.ofEpochSecond(1796644800L));
            api.on("/repos/acme/widget", Answer.json(200, "<html>sign in</html>"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("something other than JSON");
            assertThatThrownBy(() -> fetcher(api, null, Duration.ofSeconds(5)).fetch("acme", "t", p -> { }))
                    .hasMessageContaining("expected OWNER/NAME");
        }
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget", Answer.recorded("github/repo.json").delayed(3_000));
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetcher(api, null, Duration.ofSeconds(1)).fetch("acme/widget", "t", p -> { }))
                    .hasMessageContaining("took longer than 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_900));
        }
    }

    @Test
    void aLinkToAnotherServerIsNotFollowed() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget/rulesets?includes_parents=true&per_page=100", Answer.json(200, "[]")
                    .withHeader("Link", "<https://collector.example/steal?page=2>; rel=\"next\""));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("link to another server");
            assertThat(api.requests()).noneMatch(r -> r.contains("steal"));
        }
    }

    @Test
    void anAnswerTooLargeForSettingsIsNotRead() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            api.on("/repos/acme/widget/actions/permissions", Answer.json(200,
                    "[" + "0,".repeat(RestApi.MAX_BODY_BYTES / 2) + "0]"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("more than 8 MiB");
        }
    }
}
