package dev.cimatrix.discover.remote;

import dev.cimatrix.discover.remote.RestApi.FetchException;
import dev.cimatrix.testing.FakeRestApi;
import dev.cimatrix.testing.FakeRestApi.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.cimatrix.discover.remote.SnapshotScan.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitlabSettingsFetcherTest {
    private List<String> scan(String snapshot) throws Exception {
        return SnapshotScan.findings(dir, snapshot);
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String fetch(FakeRestApi api) throws FetchException {
        return new GitlabSettingsFetcher(api.uri().resolve("/api/v4"), "glpat-t0ken", Duration.ofSeconds(10), CLOCK)
                .fetch("acme/widget", "cimatrix test", part -> { });
    }

    @Test
    void aSnapshotHoldsWhatTheApiAnswersAndTheChecksJudgeIt() throws Exception {
        try (FakeRestApi api = FakeRestApi.gitlabWidget()) {
            String snapshot = fetch(api);
            assertThat(snapshot).startsWith("# Settings of GitLab project acme/widget, read from " + api.uri()
                    + "/api/v4/ on 2026-12-07T12:00:00Z by cimatrix test.\n");
            assertThat(snapshot).contains("path_with_namespace: acme/widget").doesNotContain("_links")
                    .doesNotContain("web_url").doesNotContain("eligible_approvers").doesNotContain("unknown:");
            assertThat(api.authorizations()).isNotEmpty().allMatch(a -> a.equals("glpat-t0ken"));
            // Developers push to main, which may be force-pushed; the security rule requires an approval, which
            // the author may give; developers override variables; any project's job token gets in.
            assertThat(scan(snapshot)).containsExactlyInAnyOrder(
                    lineOf(snapshot, "push_access_levels:") + " gitlab-branch-protection medium",
                    lineOf(snapshot, "allow_force_push:") + " gitlab-branch-force-push medium",
                    lineOf(snapshot, "merge_requests_author_approval:") + " gitlab-mr-approval medium",
                    lineOf(snapshot, "ci_pipeline_variables_minimum_override_role:") + " gitlab-pipeline-variables medium",
                    lineOf(snapshot, "inbound_enabled:") + " gitlab-job-token-scope medium",
                    lineOf(snapshot, "- key: DEPLOY_TOKEN") + 2 + " gitlab-variable-unprotected medium",
                    lineOf(snapshot, "- key: SONAR_TOKEN") + 3 + " gitlab-variable-unmasked low");
            // Variables are listed by name and flags: no value GitLab answered is kept.
            assertThat(snapshot).contains("environment_scope: production").doesNotContain("value")
                    .doesNotContain("glpat-aB3").doesNotContain("sqa_0123").doesNotContain("apiVersion");
        }
    }

    /** On a public project whose job logs are public, an unmasked credential is medium: everyone reads the logs. */
    @Test
    void anUnmaskedCredentialOfAPublicProjectWithPublicLogsIsMedium() throws Exception {
        try (FakeRestApi api = FakeRestApi.gitlabWidget()) {
            String project = new String(getClass().getResourceAsStream("/remote/gitlab/project.json").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            api.on("/api/v4/projects/acme%2Fwidget", Answer.json(200, project.replace("\"visibility\": \"internal\"",
                    "\"visibility\": \"public\"")));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("visibility: public");
            assertThat(scan(snapshot)).contains(lineOf(snapshot, "- key: SONAR_TOKEN") + 3 + " gitlab-variable-unmasked medium");
            api.on("/api/v4/projects/acme%2Fwidget", Answer.json(200, project.replace("\"visibility\": \"internal\"",
                    "\"visibility\": \"public\"").replace("\"public_jobs\": true", "\"public_jobs\": false")));
            String privateLogs = fetch(api);
            assertThat(privateLogs).contains("public_jobs: false");
            assertThat(scan(privateLogs)).contains(lineOf(privateLogs, "- key: SONAR_TOKEN") + 3
                    + " gitlab-variable-unmasked low");
        }
    }

    @Test
    void aFreeTierProjectRecordsItsApprovalsAsUnknown() throws Exception {
        try (FakeRestApi api = FakeRestApi.gitlabWidget()) {
            String forbidden = "{\"message\":\"403 Forbidden\"}";
            api.on("/api/v4/projects/acme%2Fwidget/approvals", Answer.json(403, forbidden));
            api.on("/api/v4/projects/acme%2Fwidget/approval_rules?per_page=100", Answer.json(403, forbidden));
            api.on("/api/v4/projects/acme%2Fwidget/protected_branches?per_page=100", Answer.json(200, "[]"));
            String snapshot = fetch(api);
            assertThat(snapshot).contains("unknown:").contains("approvals: GET " + api.uri()
                    + "/api/v4/projects/acme%2Fwidget/approvals answered 403 \"403 Forbidden\" (approval settings need "
                    + "GitLab Premium or Ultimate, and the Maintainer role)");
            assertThat(scan(snapshot)).contains(lineOf(snapshot, "default_branch:") + " gitlab-branch-protection high")
                    .noneMatch(f -> f.contains("gitlab-mr-approval"));
        }
    }

    @Test
    void aProjectThatCannotBeReadStopsWithWhy() throws Exception {
        try (FakeRestApi api = new FakeRestApi()) {
            assertThatThrownBy(() -> fetch(api)).hasMessage("project acme/widget was not found, or the token cannot "
                    + "see it (" + api.uri() + "/api/v4/projects/acme%2Fwidget answered 404)");
            api.on("/api/v4/projects/acme%2Fwidget", Answer.json(401, "{\"message\":\"401 Unauthorized\"}"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("refused the token")
                    .hasMessageContaining("GITLAB_TOKEN").hasMessageNotContaining("glpat-t0ken");
            api.on("/api/v4/projects/acme%2Fwidget", Answer.json(429, "Retry later")
                    .withHeader("RateLimit-Reset", "1796644800"));
            assertThatThrownBy(() -> fetch(api)).hasMessageContaining("rate limit is spent until "
                    + Instant.ofEpochSecond(1796644800L));
        }
        assertThat(GitlabSettingsFetcher.isProject("acme/platform/widget")).isTrue();
        assertThat(GitlabSettingsFetcher.isProject("widget")).isFalse();
        assertThat(GitlabSettingsFetcher.isProject("acme/../widget")).isFalse();
    }
}
