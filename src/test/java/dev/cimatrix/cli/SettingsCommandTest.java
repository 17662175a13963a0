package dev.cimatrix.cli;

import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.FakeRestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotWrittenToAFileIsScannedWithTheRepository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("widget/.github/workflows"));
        Files.writeString(repo.resolve("ci.yml"), "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: make test\n");
        Path snapshot = dir.resolve("github-settings.yml");
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            CliRun run = CliRun.of("settings", "acme/widget", "--api-url", api.uri().toString(), "-o", snapshot.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("Wrote the settings of acme/widget to " + snapshot);
        }
        assertThat(Files.readString(snapshot)).contains("default_workflow_permissions: write");
        CliRun scan = CliRun.of("scan", "--fail-on", "none", dir.resolve("widget").toString(), snapshot.toString());
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        // The workflow's job has no permissions block, so the write default makes the finding high.
        assertThat(scan.out()).contains("HIGH github-default-token-write").contains("github-branch-force-push");
    }

    @Test
    void theSnapshotGoesToStandardOutputByDefault() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            CliRun run = CliRun.of("settings", "--api-url", api.uri() + "/", "acme/widget");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("# Settings of GitHub repository acme/widget").contains("rulesets:");
        }
    }

    @Test
    void anOrganisationIsNamedWithOrg() throws Exception {
        try (FakeRestApi api = FakeRestApi.githubWidget()) {
            CliRun run = CliRun.of("settings", "--api-url", api.uri().toString(), "org:acme");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("# Settings of GitHub organisation acme").contains("organization:");
        }
        assertThat(CliRun.of("settings", "org:-acme").err()).contains("'org:-acme' is not an organisation");
    }

    @Test
    void aGitlabProjectsSettingsAreReadWithGitlab() throws Exception {
        try (FakeRestApi api = FakeRestApi.gitlabWidget()) {
            CliRun run = CliRun.of("settings", "--gitlab", "--api-url", api.uri() + "/api/v4", "acme/widget");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("# Settings of GitLab project acme/widget").contains("gitlab_project:")
                    .contains("job_token_scope:");
        }
        assertThat(CliRun.of("settings", "--gitlab", "widget").err())
                .contains("'widget' is not a project: expected GROUP/NAME");
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhy() throws Exception {
        assertThat(CliRun.of("settings", "widget").err()).contains("'widget' is not a repository: expected OWNER/NAME");
        assertThat(CliRun.of("settings", "acme/widget", "--api-url", "ftp://x").err())
                .contains("--api-url must be an http or https URL");
        assertThat(CliRun.of("settings", "acme/widget", "--timeout", "0").exitCode()).isEqualTo(ExitCode.USAGE);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun unreachable = CliRun.of("settings", "acme/widget", "--api-url", "http://127.0.0.1:" + closed);
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unreachable.err()).contains("could not reach http://127.0.0.1:" + closed + "/repos/acme/widget: the "
                + "connection was refused or the host is unreachable");
        try (FakeRestApi api = new FakeRestApi()) {
            CliRun missing = CliRun.of("settings", "acme/widget", "--api-url", api.uri().toString());
            assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(missing.err()).contains("repository acme/widget was not found");
        }
    }
}
