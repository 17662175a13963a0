package dev.cimatrix.paths;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.declared.DeclaredModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack paths through the jobs of GitLab CI, Azure Pipelines, CircleCI, Bitbucket Pipelines and Jenkins. */
class PlatformPathsTest {
    private static PathAnalysis analyse(Path root, Map<String, String> files, String model) throws Exception {
        return analyse(root, files, model, List.of());
    }

    /** As {@link #analyse(Path, Map, String)}, with some of the files also named on the command line. */
    private static PathAnalysis analyse(Path root, Map<String, String> files, String model, List<String> named)
            throws Exception {
        for (var file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Catalog catalog = Catalog.builtin();
        List<Path> targets = new java.util.ArrayList<>(List.of(root));
        named.forEach(n -> targets.add(root.resolve(n)));
        Inventory inventory = new Discovery().discover(root, targets, null);
        // As `cimatrix paths` runs them: only the checks whose findings become moves.
        List<Finding> findings = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()).stream()
                .filter(c -> AttackPaths.EVIDENCE_CHECKS.contains(c.id())).toList(), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory).findings();
        DeclaredModel declared = model == null ? DeclaredModel.absent()
                : DeclaredModelReader.parse("cimatrix-model.yml", model, catalog);
        return AttackPaths.analyse(inventory, findings, declared, PathLimits.DEFAULT);
    }

    private static AttackPath pathTo(PathAnalysis analysis, String entry, String asset) {
        return analysis.paths().stream()
                .filter(p -> p.entry().id().equals(entry) && p.asset().id().equals(asset)).findFirst().orElseThrow(
                        () -> new AssertionError("no path from " + entry + " to " + asset + " in " + analysis.paths()));
    }

    @Test
    void aGitlabJobThatEvaluatesAMergeRequestTitleLeadsToTheImagesItPushes(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, Map.of(".gitlab-ci.yml", """
                include:
                  - project: acme/ci-templates
                    ref: main
                    file: /docker.yml
                release:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                  variables:
                    TOKEN_FILE: token.txt
                  script:
                    - eval "echo $CI_MERGE_REQUEST_TITLE"
                    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin
                    - 'curl -H "PRIVATE-TOKEN: $DEPLOY_TOKEN" -o "$TOKEN_FILE" https://gitlab.example.com'
                    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"
                lint:
                  script:
                    - make lint
                """), null);
        AttackPath injected = pathTo(analysis, "persona:outside-contributor", "asset:registry:$CI_REGISTRY_IMAGE");
        assertThat(injected.cells()).containsExactly("RECON/CICD-T002", "EXEC/CICD-T104", "IMPT/CICD-T043");
        assertThat(injected.steps().get(1).evidence()).isEqualTo("finding:gitlab-variable-injection");
        assertThat(injected.nodeIds()).contains("job:.gitlab-ci.yml#job 'release'");
        // The include at the top of the file reaches every job, the one that pushes among them.
        AttackPath upstream = pathTo(analysis, "persona:compromised-dependency", "asset:registry:$CI_REGISTRY_IMAGE");
        assertThat(upstream.cells()).containsExactly("INIT/CICD-T006", "IMPT/CICD-T043");
        assertThat(upstream.steps().get(0).evidence()).isEqualTo("finding:gitlab-unpinned-include");
        // Every job holds the project's variables; what they open is not known without a model.
        assertThat(analysis.graph().outgoing("job:.gitlab-ci.yml#job 'lint'")).extracting(Move::to)
                .containsExactly("secret:" + root.getFileName() + "/GitLab CI/*");
        assertThat(analysis.unknowns()).anyMatch(u -> u.startsWith("CI/CD variables (GitLab CI) of "));
        // The job that evaluates the title and pushes is where untrusted input meets privileges; lint runs none.
        assertThat(analysis.mixedJobs()).singleElement().satisfies(job -> {
            assertThat(job.job()).isEqualTo("job 'release'");
            assertThat(job.untrusted()).containsExactly("gitlab-variable-injection at line 12");
            assertThat(job.privileges()).containsExactly("job credential CI_REGISTRY_PASSWORD",
                    "CI/CD variable DEPLOY_TOKEN", "CI/CD variables", "pushes $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA");
        });
    }

    /**
     * A GitLab job's rules say which pipelines it runs in. One that runs only in merge request pipelines gets the
     * unprotected variables only, and an outsider reaches it only when a member runs their fork's pipeline in the
     * project; one the workflow never creates a pipeline for is no way in at all.
     */
    @Test
    void aGitlabJobsRulesSayWhichVariablesItGetsAndWhoReachesIt(@TempDir Path root) throws Exception {
        String job = """
                review:
                  %s
                  script:
                    - eval "echo $CI_MERGE_REQUEST_TITLE"
                    - docker push "$CI_REGISTRY_IMAGE/review:$CI_COMMIT_SHA"
                """;
        PathAnalysis everywhere = analyse(root.resolve("a"), Map.of(".gitlab-ci.yml", job.formatted("rules:\n"
                + "    - if: $CI_MERGE_REQUEST_IID\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")), null);
        Move open = everywhere.graph().moves().stream().filter(m -> m.to().equals("job:.gitlab-ci.yml#job 'review'"))
                .filter(m -> m.evidence().equals("finding:gitlab-variable-injection")).findFirst().orElseThrow();
        assertThat(everywhere.graph().outgoing("job:.gitlab-ci.yml#job 'review'")).extracting(Move::to)
                .contains("secret:a/GitLab CI/*");

        PathAnalysis mergeRequests = analyse(root.resolve("b"), Map.of(".gitlab-ci.yml", job.formatted(
                "rules:\n    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"")), null);
        Move gated = mergeRequests.graph().moves().stream()
                .filter(m -> m.to().equals("job:.gitlab-ci.yml#job 'review'"))
                .filter(m -> m.evidence().equals("finding:gitlab-variable-injection")).findFirst().orElseThrow();
        assertThat(gated.likelihood()).isEqualTo(open.likelihood() * 0.5);
        assertThat(gated.because()).endsWith("The job runs only in merge request pipelines; a fork's runs in the "
                + "fork's project unless a member runs it in this one.");
        assertThat(mergeRequests.graph().node("job:.gitlab-ci.yml#job 'review'").orElseThrow().attribute("pipelines"))
                .isEqualTo("merge request pipelines");
        Move variables = mergeRequests.graph().outgoing("job:.gitlab-ci.yml#job 'review'").stream()
                .filter(m -> m.to().startsWith("secret:")).findFirst().orElseThrow();
        assertThat(variables.to()).isEqualTo("secret:b/GitLab CI/unprotected");
        assertThat(variables.because()).isEqualTo("GitLab gives the job, which runs only in merge request pipelines, "
                + "the CI/CD variables of b and its groups that are not protected; the protected ones go to pipelines "
                + "of protected branches and tags only");

        PathAnalysis never = analyse(root.resolve("c"), Map.of(".gitlab-ci.yml", "workflow:\n  rules:\n"
                + "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n      when: never\n    - when: always\n"
                + job.formatted("rules:\n    - if: $CI_MERGE_REQUEST_IID")), null);
        assertThat(never.graph().node("job:.gitlab-ci.yml#job 'review'")).isEmpty();
    }

    /**
     * With a settings snapshot that lists the project's variables, a job that runs in no protected ref's pipeline
     * holds none of the protected ones it reads, and the moves to the others say how they are guarded.
     */
    @Test
    void aSnapshotsProtectedVariablesReachOnlyJobsOfProtectedRefs(@TempDir Path root) throws Exception {
        String pipeline = """
                review:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                  script:
                    - eval "echo $CI_MERGE_REQUEST_TITLE"
                    - ./publish --token "$DEPLOY_TOKEN" --npm "$NPM_TOKEN"
                release:
                  rules:
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                  script:
                    - eval "echo $CI_COMMIT_TITLE"
                    - ./publish --token "$DEPLOY_TOKEN"
                """;
        String snapshot = """
                gitlab_project:
                  path_with_namespace: acme/widget
                variables:
                  - key: DEPLOY_TOKEN
                    protected: true
                    masked: true
                  - key: NPM_TOKEN
                    protected: false
                    masked: true
                """;
        PathAnalysis analysis = analyse(root, Map.of(".gitlab-ci.yml", pipeline, "gitlab-settings.yml", snapshot), null,
                List.of("gitlab-settings.yml"));
        List<Move> review = analysis.graph().outgoing("job:.gitlab-ci.yml#job 'review'");
        assertThat(review).extracting(Move::to).doesNotContain("secret:" + root.getFileName() + "/GitLab CI/DEPLOY_TOKEN")
                .contains("secret:" + root.getFileName() + "/GitLab CI/NPM_TOKEN");
        assertThat(review).filteredOn(m -> m.to().endsWith("/NPM_TOKEN")).singleElement().satisfies(m ->
                assertThat(m.because()).endsWith("; the settings snapshot lists it as not protected, so the job's "
                        + "pipelines of every branch get it"));
        assertThat(analysis.graph().outgoing("job:.gitlab-ci.yml#job 'release'"))
                .filteredOn(m -> m.to().endsWith("/DEPLOY_TOKEN")).singleElement().satisfies(m ->
                        assertThat(m.because()).endsWith("; the settings snapshot lists it as protected, so the job's "
                                + "pipelines of protected branches and tags get it"));
    }

    /** A Jenkins credential that the model declares as an identity continues the path to what the identity grants. */
    @Test
    void aJenkinsLibraryAtABranchReachesTheDeclaredAssetsOfTheCredentialsTheBuildBinds(@TempDir Path root)
            throws Exception {
        String jenkinsfile = """
                @Library('shared-steps@master') _
                pipeline {
                  agent any
                  stages {
                    stage('Publish') {
                      steps {
                        withCredentials([string(credentialsId: 'npm-token', variable: 'NPM_TOKEN')]) {
                          sh 'npm publish'
                        }
                      }
                    }
                  }
                }
                """;
        String model = """
                components:
                  - id: npm
                    type: registry
                identities:
                  - id: npm-publisher
                    kind: token
                    secrets: [NPM_TOKEN]
                    grants: [npm]
                assets:
                  - id: our-packages
                    kind: artifact
                    criticality: critical
                    in: npm
                """;
        PathAnalysis analysis = analyse(root, Map.of("Jenkinsfile", jenkinsfile), model);
        AttackPath declared = pathTo(analysis, "persona:compromised-dependency", "asset:our-packages");
        assertThat(declared.nodeIds()).containsExactly("persona:compromised-dependency", "job:Jenkinsfile#the pipeline",
                "identity:npm-publisher", "asset:our-packages");
        assertThat(declared.steps().get(0).evidence()).isEqualTo("finding:jenkins-unpinned-library");
        assertThat(declared.steps().get(1).because()).contains("NPM_TOKEN", "the sh step in stage 'Publish'");
        // npm publish in the build: the repository's packages are inferred as well.
        pathTo(analysis, "persona:compromised-dependency", "asset:packages:" + root.getFileName());
    }

    @Test
    void aCircleciCommitSubjectReachesTheContextsTheWorkflowGivesTheJob(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, Map.of(".circleci/config.yml", """
                version: 2.1
                jobs:
                  release:
                    docker: [{image: cimg/base:current}]
                    steps:
                      - run: ./notify "<< pipeline.git.commit.subject >>"
                      - run: docker push ghcr.io/acme/app:latest
                workflows:
                  main:
                    jobs:
                      - release:
                          context: [prod-deploy]
                """), null);
        AttackPath path = pathTo(analysis, "persona:outside-contributor", "asset:registry:ghcr.io");
        assertThat(path.steps().get(1).evidence()).isEqualTo("finding:circleci-script-injection");
        assertThat(analysis.graph().outgoing("job:.circleci/config.yml#job 'release'")).extracting(Move::to)
                .contains("secret:" + root.getFileName() + "/CircleCI/prod-deploy");
    }

    /** Low findings (a branch name, which needs push rights) are not an outsider's way in. */
    @Test
    void whatOnlyThoseWithPushRightsWriteIsNoEntry(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, Map.of("azure-pipelines.yml", """
                steps:
                  - script: echo "$(Build.SourceBranchName)"
                  - task: AzureCLI@2
                    inputs:
                      azureSubscription: prod-connection
                      scriptType: bash
                      inlineScript: az group list
                """), null);
        assertThat(analysis.graph().nodes(NodeKind.JOB)).isEmpty();
        assertThat(analysis.paths()).isEmpty();

        PathAnalysis message = analyse(root.resolve("message"), Map.of("azure-pipelines.yml", """
                steps:
                  - script: echo "$(Build.SourceVersionMessage)"
                  - task: AzureCLI@2
                    inputs:
                      azureSubscription: prod-connection
                      scriptType: bash
                      inlineScript: az group list
                """), null);
        assertThat(message.graph().nodes(NodeKind.CREDENTIAL)).extracting(Node::label)
                .containsExactly("service connection prod-connection");
    }

    /**
     * A GitLab job that assumes an AWS role with its OIDC token reaches the role Terraform defines, and through it the
     * account's compute; a CircleCI job that sets up the AWS CLI orb with a role holds that role too.
     */
    @Test
    void jobsThatAssumeAnAwsRoleReachIt(@TempDir Path root) throws Exception {
        PathAnalysis analysis = analyse(root, Map.of(".gitlab-ci.yml", """
                variables:
                  ROLE_ARN: arn:aws:iam::111122223333:role/gitlab-deploy
                deploy:
                  id_tokens:
                    GITLAB_OIDC_TOKEN:
                      aud: https://gitlab.com
                  script:
                    - sh -c "echo $CI_COMMIT_MESSAGE"
                    - >
                      aws sts assume-role-with-web-identity --role-arn "${ROLE_ARN}"
                      --role-session-name gitlab --web-identity-token "$GITLAB_OIDC_TOKEN"
                """, "infra/iam.tf", """
                resource "aws_iam_role" "deploy" {
                  name = "gitlab-deploy"
                  assume_role_policy = jsonencode({
                    Version = "2012-10-17"
                    Statement = [{
                      Effect = "Allow"
                      Action = "sts:AssumeRoleWithWebIdentity"
                      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/gitlab.com" }
                    }]
                  })
                }
                """, ".circleci/config.yml", """
                version: 2.1
                orbs:
                  aws-cli: circleci/aws-cli@4.1.3
                jobs:
                  release:
                    docker: [{image: cimg/base:current}]
                    steps:
                      - aws-cli/setup:
                          role_arn: arn:aws:iam::111122223333:role/circleci-release
                      - run: ./release "<< pipeline.git.commit.subject >>"
                workflows:
                  main:
                    jobs: [release]
                """), null);
        AttackPath path = analysis.paths().stream().filter(p -> p.nodeIds().contains("job:.gitlab-ci.yml#job 'deploy'")
                && p.asset().id().startsWith("asset:compute:")).findFirst().orElseThrow();
        assertThat(path.cells()).containsSubsequence("EXEC/CICD-T104", "PRIV/CICD-T021", "LATM/CICD-T111",
                "IMPT/CICD-T040");
        assertThat(path.nodeIds()).anyMatch(id -> id.startsWith("role:") && id.contains("gitlab-deploy"));
        // The variable is read from the file: the move points at the ARN, not at the script that names it.
        Move assumes = analysis.graph().outgoing("job:.gitlab-ci.yml#job 'deploy'").stream()
                .filter(m -> m.cell().equals("PRIV/CICD-T021")).findFirst().orElseThrow();
        assertThat(assumes.location().startLine()).isEqualTo(2);
        assertThat(analysis.graph().outgoing("job:.circleci/config.yml#job 'release'")).extracting(Move::to)
                .contains("role:arn:aws:iam::111122223333:role/circleci-release");
    }

    @Test
    void theRolesAJobAssumes() {
        Scalar script = Scalar.of("aws sts assume-role --role-arn=$DEPLOY_ROLE --role-session-name x\n"
                + "aws sts assume-role-with-web-identity --role-arn 'arn:aws:iam::1:role/a' --web-identity-token t",
                dev.cimatrix.model.Location.line("f", 1, ""));
        assertThat(PlatformJobs.awsRoles(List.of(script), new PlatformJobs.Variables(List.of(), null)))
                .extracting(JobPrivileges.AssumedRole::role)
                .containsExactly("$DEPLOY_ROLE", "arn:aws:iam::1:role/a");
        KeyValue variable = new KeyValue("AWS_ROLE_ARN", null, Scalar.of("arn:aws:iam::1:role/b",
                dev.cimatrix.model.Location.line("f", 2, "")));
        PlatformJobs.Variables file = new PlatformJobs.Variables(List.of(variable), null);
        assertThat(PlatformJobs.awsRoles(List.of(), file)).extracting(JobPrivileges.AssumedRole::role)
                .containsExactly("arn:aws:iam::1:role/b");
        // A job's own value of a variable comes before its file's.
        KeyValue own = new KeyValue("DEPLOY_ROLE", null, Scalar.of("arn:aws:iam::1:role/c",
                dev.cimatrix.model.Location.line("f", 3, "")));
        assertThat(PlatformJobs.awsRoles(List.of(script), new PlatformJobs.Variables(List.of(own), file)))
                .extracting(JobPrivileges.AssumedRole::role)
                .containsExactly("arn:aws:iam::1:role/b", "arn:aws:iam::1:role/c", "arn:aws:iam::1:role/a");
    }

    @Test
    void theRegistryOfAPushedImage() {
        assertThat(AttackPaths.registryOf("ghcr.io/acme/app:1")).isEqualTo("ghcr.io");
        assertThat(AttackPaths.registryOf("localhost:5000/app")).isEqualTo("localhost:5000");
        assertThat(AttackPaths.registryOf("acme/app")).isEqualTo("docker.io");
        assertThat(AttackPaths.registryOf("app")).isEqualTo("docker.io");
        assertThat(AttackPaths.registryOf("$CI_REGISTRY_IMAGE:$TAG")).isEqualTo("$CI_REGISTRY_IMAGE");
        assertThat(AttackPaths.registryOf("${REGISTRY}/app")).isEqualTo("${REGISTRY}");
    }
}
