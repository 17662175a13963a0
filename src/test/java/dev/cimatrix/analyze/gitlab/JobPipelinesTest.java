package dev.cimatrix.analyze.gitlab;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cimatrix.analyze.gitlab.PipelineKind.DEFAULT_BRANCH;
import static dev.cimatrix.analyze.gitlab.PipelineKind.MERGE_REQUEST;
import static dev.cimatrix.analyze.gitlab.PipelineKind.OTHER_BRANCH;
import static dev.cimatrix.analyze.gitlab.PipelineKind.TAG;
import static org.assertj.core.api.Assertions.assertThat;

/** Which pipelines a GitLab job may run in, from configurations read by the real reader. */
class JobPipelinesTest {
    @TempDir
    Path root;

    /** Each job of the file, by name, with the kinds it may run in. */
    private Map<String, Set<PipelineKind>> kinds(String configuration) throws Exception {
        Path file = root.resolve(".gitlab-ci.yml");
        Files.writeString(file, configuration);
        Inventory inventory = new Discovery().discover(root, List.of(file), null);
        assertThat(inventory.problems()).isEmpty();
        GitlabPipeline pipeline = inventory.gitlab().get(0);
        JobPipelines pipelines = JobPipelines.of(pipeline);
        Map<String, Set<PipelineKind>> out = new LinkedHashMap<>();
        pipeline.jobs().forEach(job -> out.put(job.name(), pipelines.of(job)));
        return out;
    }

    @Test
    void rulesOnTheCommonPredefinedVariables() throws Exception {
        Map<String, Set<PipelineKind>> kinds = kinds("""
                plain:
                  script: make
                mr:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                  script: make test
                mr-quoted:
                  rules:
                    - if: '$CI_MERGE_REQUEST_IID'
                  script: make test
                main:
                  rules:
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                  script: make deploy
                not-main:
                  rules:
                    - if: $CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH
                  script: make preview
                tags:
                  rules:
                    - if: $CI_COMMIT_TAG =~ /^v[0-9]+/
                  script: make release
                named:
                  rules:
                    - if: '$CI_COMMIT_BRANCH == "main" || $CI_COMMIT_BRANCH =~ /^release-/'
                  script: make deploy
                never-on-mr:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                      when: never
                    - when: always
                  script: make
                custom:
                  rules:
                    - if: $DEPLOY_TARGET == "prod"
                  script: make
                changed:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                      changes: [src/**/*]
                  script: make
                """);
        assertThat(kinds.get("plain")).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH, TAG);
        assertThat(kinds.get("mr")).containsExactly(MERGE_REQUEST);
        assertThat(kinds.get("mr-quoted")).containsExactly(MERGE_REQUEST);
        assertThat(kinds.get("main")).containsExactly(DEFAULT_BRANCH);
        assertThat(kinds.get("not-main")).containsExactly(OTHER_BRANCH);
        assertThat(kinds.get("tags")).containsExactly(TAG);
        // A literal branch name may be the default or another: both stay; merge requests and tags have no branch.
        assertThat(kinds.get("named")).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH);
        assertThat(kinds.get("never-on-mr")).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH, TAG);
        assertThat(kinds.get("custom")).containsExactlyInAnyOrder(PipelineKind.values());
        assertThat(kinds.get("changed")).containsExactly(MERGE_REQUEST);
    }

    @Test
    void onlyAndExceptAndTemplatesAndWorkflow() throws Exception {
        Map<String, Set<PipelineKind>> kinds = kinds("""
                workflow:
                  rules:
                    - if: $CI_COMMIT_TAG
                      when: never
                    - when: always
                .mr-only:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'
                review:
                  extends: .mr-only
                  script: make review
                elsewhere:
                  extends: .from-an-include
                  script: make
                only-mr:
                  only: [merge_requests]
                  script: make
                only-main:
                  only:
                    refs: [main]
                  script: make
                except-branches:
                  except: [branches]
                  script: make
                only-variables:
                  only:
                    variables:
                      - $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                  script: make
                """);
        assertThat(kinds.get("review")).containsExactly(MERGE_REQUEST);
        // The template comes from a file not read: anything may be.
        assertThat(kinds.get("elsewhere")).containsExactlyInAnyOrder(MERGE_REQUEST, DEFAULT_BRANCH, OTHER_BRANCH);
        assertThat(kinds.get("only-mr")).containsExactly(MERGE_REQUEST);
        assertThat(kinds.get("only-main")).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH);
        // Without tags (the workflow creates no tag pipeline), nothing is left.
        assertThat(kinds.get("except-branches")).isEmpty();
        assertThat(kinds.get("only-variables")).containsExactly(DEFAULT_BRANCH);
        assertThat(JobPipelines.describe(Set.of(MERGE_REQUEST))).isEqualTo("merge request pipelines");
    }

    /**
     * A settings snapshot that states the default branch tells a rule on a branch's name apart: "main" is then the
     * default branch's pipelines only, and a rule that keeps it out leaves other branches.
     */
    @Test
    void aSnapshotsDefaultBranchResolvesNamedBranches() throws Exception {
        Path file = root.resolve(".gitlab-ci.yml");
        Files.writeString(file, """
                deploy:
                  rules:
                    - if: '$CI_COMMIT_BRANCH == "main"'
                  script: make deploy
                preview:
                  rules:
                    - if: $CI_COMMIT_BRANCH =~ /^main$/
                      when: never
                    - if: $CI_COMMIT_BRANCH
                  script: make preview
                """);
        Path snapshot = root.resolve("gitlab-settings.yml");
        Files.writeString(snapshot, "gitlab_project:\n  path_with_namespace: acme/widget\n  default_branch: main\n");
        Inventory inventory = new Discovery().discover(root, List.of(file, snapshot), null);
        GitlabPipeline pipeline = inventory.gitlab().get(0);
        JobPipelines known = JobPipelines.of(inventory, pipeline);
        JobPipelines unknown = JobPipelines.of(pipeline);
        assertThat(known.of(pipeline.jobs().get(0))).containsExactly(DEFAULT_BRANCH);
        assertThat(unknown.of(pipeline.jobs().get(0))).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH);
        assertThat(known.of(pipeline.jobs().get(1))).containsExactly(OTHER_BRANCH);
        assertThat(unknown.of(pipeline.jobs().get(1))).containsExactlyInAnyOrder(DEFAULT_BRANCH, OTHER_BRANCH);
    }

    @Test
    void expressionsThatCannotBeReadDependOnTheRun() {
        java.util.function.Function<String, RuleValue> nothingKnown = name -> RuleValue.UNKNOWN;
        for (String broken : List.of("", "$A ==", "($A == 'x'", "'x'", "$A == 'x' ||", "$A =~ /unclosed",
                "$A == 'x' $B", "(".repeat(100) + "$A" + ")".repeat(100))) {
            assertThat(RuleCondition.evaluate(broken, nothingKnown)).as(broken)
                    .isEqualTo(dev.cimatrix.analyze.expr.Truth.DEPENDS);
        }
        java.util.function.Function<String, RuleValue> known = name -> RuleValue.known("release-1");
        assertThat(RuleCondition.evaluate("$A =~ /^RELEASE-/i && ($B != null)", known))
                .isEqualTo(dev.cimatrix.analyze.expr.Truth.ALWAYS_TRUE);
        assertThat(RuleCondition.evaluate("$A !~ /^release-/ || $A == 'x'", known))
                .isEqualTo(dev.cimatrix.analyze.expr.Truth.ALWAYS_FALSE);
        assertThat(RuleCondition.evaluate("${A} == \"release-1\"", known))
                .isEqualTo(dev.cimatrix.analyze.expr.Truth.ALWAYS_TRUE);
    }
}
