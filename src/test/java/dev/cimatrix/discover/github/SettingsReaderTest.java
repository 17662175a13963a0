package dev.cimatrix.discover.github;

import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsReaderTest {
    private static YamlDocumentSet yaml(String text) throws Exception {
        return new YamlLoader().load("settings.yml", text.getBytes(StandardCharsets.UTF_8), YamlDialect.MERGING);
    }

    @Test
    void readsBothShapesOfAFlagAndTheRulesetsOfBranchesOnly() throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        GithubSettings settings = SettingsReader.read(yaml("""
                repository:
                  default_branch: trunk
                branches:
                  - name: trunk
                    protection:
                      enforce_admins: true
                      allow_force_pushes: {enabled: false}
                      allow_deletions: ~
                      required_pull_request_reviews:
                        required_approving_review_count: 2
                        dismiss_stale_reviews: true
                rulesets:
                  - name: tags
                    target: tag
                  - name: branches
                    enforcement: evaluate
                    conditions: {ref_name: {include: ["~ALL"], exclude: [refs/heads/wip/*]}}
                    rules: [{type: pull_request, parameters: {required_approving_review_count: 1}}]
                    bypass_actors: [{actor_id: 1, actor_type: OrganizationAdmin}]
                unknown:
                  actions: GET …/actions/permissions answered 403
                """), problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(settings.defaultBranch().value()).isEqualTo("trunk");
        GithubSettings.BranchProtection trunk = settings.branches().get(0);
        assertThat(trunk.isProtected()).isTrue();
        assertThat(trunk.enforceAdmins().value()).isTrue();
        assertThat(trunk.allowForcePushes().value()).isFalse();
        assertThat(trunk.allowDeletions().value()).isFalse();
        assertThat(trunk.reviews().approvals()).isEqualTo(2);
        assertThat(trunk.reviews().dismissStale().value()).isTrue();
        assertThat(trunk.reviews().lastPush()).isNull();
        assertThat(settings.rulesets()).singleElement().satisfies(r -> {
            assertThat(r.name().value()).isEqualTo("branches");
            assertThat(r.active()).isFalse();
            assertThat(r.exclude()).containsExactly("refs/heads/wip/*");
            assertThat(r.rule("pull_request").orElseThrow().reviews().approvals()).isEqualTo(1);
            // A bypass actor without a mode bypasses always, as the API defaults it.
            assertThat(r.bypassActors().get(0).mode()).isEqualTo("always");
        });
        assertThat(settings.unread("actions")).isTrue();
        assertThat(settings.unread("branches")).isFalse();
    }

    @Test
    void entriesOfTheWrongShapeAreWarningsAndTheRestIsRead() throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        GithubSettings settings = SettingsReader.read(yaml("""
                branches:
                  - just a name
                  - protection: null
                  - name: main
                    protection: on
                  - name: release
                    protection: null
                rulesets: {name: x}
                """), problems).orElseThrow();
        assertThat(problems).extracting(p -> p.location().startLine() + " " + p.message() + " " + p.fatal())
                .containsExactly("2 an entry of 'branches' must be a mapping false",
                        "3 an entry of 'branches' has no 'name' false",
                        "5 'protection' must be a mapping, or null to turn it off false",
                        "8 'rulesets' must be a list false");
        assertThat(settings.branches()).extracting(b -> b.name().value() + " " + b.isProtected())
                .containsExactly("main false", "release false");
    }

    @Test
    void aFileNamedOnTheCommandLineIsSettingsOnlyWithSettingsKeysAlone() throws Exception {
        assertThat(SettingsReader.looksLikeSettings(yaml("repository: {name: x}\nlabels: []\n"))).isTrue();
        assertThat(SettingsReader.looksLikeSettings(yaml("actions: {default_workflow_permissions: read}\n"))).isTrue();
        // Labels alone say nothing cimatrix judges; a key of another kind of file makes it that kind.
        assertThat(SettingsReader.looksLikeSettings(yaml("labels: [{name: bug}]\n"))).isFalse();
        assertThat(SettingsReader.looksLikeSettings(yaml("branches: [{name: main}]\njobs: {}\n"))).isFalse();
        assertThat(SettingsReader.looksLikeSettings(yaml("- branches\n"))).isFalse();
    }
    /** Runner groups and secrets of an organisation: an entry without a name, or a count that is not one, is a warning. */
    @Test
    void readsRunnerGroupsAndSecretsAndWarnsOfBadEntries() throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        GithubSettings settings = SettingsReader.read(yaml("""
                runner_groups:
                  - name: builders
                    visibility: all
                    allows_public_repositories: true
                    runners: many
                  - visibility: all
                  - name: idle
                    runners: 0
                secrets:
                  - name: NPM_TOKEN
                    visibility: all
                  - visibility: private
                """), problems).orElseThrow();
        assertThat(problems).extracting(p -> p.location().startLine() + " " + p.message()).containsExactlyInAnyOrder(
                "5 'runners' must be a count of runners",
                "6 an entry of 'runner_groups' has no 'name'",
                "12 an entry of 'secrets' has no 'name'");
        assertThat(settings.runnerGroups()).extracting(g -> g.name().value() + " " + g.runners() + " "
                + g.mayHoldRunners()).containsExactly("builders -1 true", "idle 0 false");
        assertThat(settings.runnerGroups().get(0).allowsPublicRepositories().value()).isTrue();
        assertThat(settings.secrets()).singleElement().satisfies(secret ->
                assertThat(secret.visibility().value()).isEqualTo("all"));
        assertThat(SettingsReader.looksLikeSettings(yaml("secrets:\n  - name: A\n"))).isTrue();
    }
}
