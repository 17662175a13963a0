package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.cimatrix.analyze.github.SecretSources.Source.ENVIRONMENT;
import static dev.cimatrix.analyze.github.SecretSources.Source.NONE;
import static dev.cimatrix.analyze.github.SecretSources.Source.ORGANIZATION;
import static dev.cimatrix.analyze.github.SecretSources.Source.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/** Where a secret a job reads comes from, as a repository's settings snapshot lists its secrets. */
class SecretSourcesTest {
    private static final String WORKFLOW = """
            on: pull_request_target
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: make
                    env:
                      A: ${{ secrets.DEPLOY_KEY }}
                      B: ${{ secrets.npm_token }}
                      C: ${{ secrets.SENTRY_DSN }}
                      D: ${{ secrets.NOWHERE }}
              deploy:
                runs-on: ubuntu-latest
                environment: Production
                steps:
                  - run: ./deploy
                    env:
                      A: ${{ secrets.DEPLOY_KEY }}
              staging:
                runs-on: ubuntu-latest
                environment: staging
                steps:
                  - run: ./deploy
                    env:
                      A: ${{ secrets.NOWHERE }}
            """;
    private static final String LISTED = """
            secrets:
              - name: NPM_TOKEN
            organization_secrets:
              - name: SENTRY_DSN
            environments:
              - name: production
                secrets: [DEPLOY_KEY]
              - name: staging
            """;

    @TempDir
    Path root;

    private Inventory read(String settings) throws Exception {
        Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(root.resolve(".github/workflows/w.yml"), WORKFLOW);
        Files.writeString(root.resolve(".github/settings.yml"), settings);
        return new Discovery().discover(root, List.of(root), null);
    }

    private static Optional<SecretSources.Source> source(Inventory inventory, String jobId, String secret) {
        Job job = inventory.workflows().get(0).job(jobId).orElseThrow();
        return SecretSources.of(inventory).of(".github/workflows/w.yml", job, secret);
    }

    @Test
    void environmentThenRepositoryThenOrganisation() throws Exception {
        Inventory inventory = read(LISTED);
        assertThat(source(inventory, "build", "DEPLOY_KEY")).contains(NONE);
        assertThat(source(inventory, "build", "npm_token")).contains(REPOSITORY);
        assertThat(source(inventory, "build", "SENTRY_DSN")).contains(ORGANIZATION);
        assertThat(source(inventory, "deploy", "DEPLOY_KEY")).contains(ENVIRONMENT);
        // staging's own secrets were not read: NOWHERE may be one of them.
        assertThat(source(inventory, "staging", "NOWHERE")).isEmpty();
        assertThat(source(inventory, "build", "GITHUB_TOKEN")).isEmpty();
        // Without the organisation's list, a name the repository does not hold may be the organisation's.
        Inventory partly = read(LISTED.replace("organization_secrets:\n  - name: SENTRY_DSN\n", ""));
        assertThat(source(partly, "build", "DEPLOY_KEY")).isEmpty();
        // A Settings app file lists no secrets: nothing is known.
        assertThat(source(read("repository:\n  name: widget\n"), "build", "NPM_TOKEN")).isEmpty();
    }

    @Test
    void aSecretNoListHoldsIsNotReportedAsReachingTheJob() throws Exception {
        List<Finding> findings = WorkflowFiles.check(read(LISTED), new SecretsInUntrustedJobCheck());
        assertThat(findings).extracting(Finding::subject)
                .containsExactlyInAnyOrder("build:NPM_TOKEN", "build:SENTRY_DSN");
    }
}
