package dev.cimatrix.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The scan fuzzer's property ({@link ScanOutcome}) in the default build: on definitions of every wrong shape a
 * mutated file tends to take and on every input the fuzzer once failed on, each as a workflow, an action and a
 * Terraform file.
 */
class ScanOutcomeTest {
    private static final Path FORMER_FINDINGS = Path.of("src/test/resources/scan/fuzz-regressions");
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("empty", "");
        CASES.put("a scalar", "42\n");
        CASES.put("a sequence", "- on: push\n- jobs: {}\n");
        CASES.put("keys of the wrong kinds", """
                on: 7
                permissions: [write-all]
                env: [a, b]
                jobs: [build, test]
                runs: 3
                """);
        CASES.put("GitLab keywords of the wrong kinds", """
                include: 7
                variables: [x]
                stages: {a: b}
                default: 3
                build: {script: {a: b}, image: [x], services: {a: 1}, extends: 5, variables: 4}
                .t: {before_script: [[[[[[[[[[[[x]]]]]]]]]]]], after_script: !reference [a, b]}
                """);
        CASES.put("GitLab includes that loop or leave the project", """
                include: [.gitlab-ci.yml, '**', '/../../etc/passwd', '$X', {local: '**/*'}, {remote: 'http://'}]
                """);
        CASES.put("GitLab header and inputs of the wrong kinds", """
                spec: {inputs: [a, {b: c}]}
                ---
                job: {script: '$[[ inputs.a | x(((( ]] $[[ inputs. ]] $[[ inputs.b|posix_quote ]]'}
                """);
        CASES.put("Azure keywords of the wrong kinds", """
                pr: {enabled: [x]}
                parameters: 3
                resources: {repositories: {a: b}, containers: [7, {image: [x]}]}
                variables: [[x], {name: [y]}, {template: {a: b}}]
                pool: [x]
                stages:
                  - stage: [s]
                    pool: {name: {a: b}}
                    jobs: [{job: j, steps: {a: b}, services: [x], container: {image: {}}}, 7, {deployment: d,
                      strategy: {runOnce: {deploy: {steps: [[x]]}}}}]
                  - ${{ if x }}: [{job: k, steps: [{task: {a: b}, inputs: [x]}, {checkout: [x], persistCredentials: {}}]}]
                extends: {template: [x], parameters: {stages: [{stage: x, jobs: [{job: y, steps: [{bash: [z]}]}]}]}}
                """);
        CASES.put("Azure templates that loop or leave the repository", """
                steps:
                  - template: azure-pipelines.yml
                  - template: ../../../etc/passwd
                  - template: /../outside.yml
                  - template: ${{ parameters.x }}
                  - template: x.yml@
                  - template: '@self'
                """);
        CASES.put("CircleCI keys of the wrong kinds", """
                version: 2.1
                orbs: {a: [x], b: {jobs: 3, commands: {c: [y]}}, c: 'x@'}
                executors: [e]
                commands: {c: {steps: {run: x}}}
                jobs:
                  j: {docker: [x, {image: [y]}, {environment: [a, {b: c}]}], environment: 3,
                      steps: [{run: [x]}, {run: {command: {a: b}}}, {when: {steps: [{when: {steps: 7}}]}}, 5]}
                """);
        CASES.put("Bitbucket keys of the wrong kinds", """
                image: [x]
                definitions: {services: {a: 3, b: {image: {name: [y]}, variables: [z]}}, steps: [{step: &s {script: 7}}]}
                pipelines:
                  default: [x, {step: *s}, {parallel: {steps: [{step: {image: {}, script: [{pipe: [p]}]}}]}}, {stage: 3}]
                  branches: [main]
                  custom: {a: {b: c}}
                """);
        CASES.put("Jenkins steps with arguments of the wrong kinds", """
                @Library(7) _
                @Library([['x'], null]) import a.B
                library(identifier: 3)
                library()
                pipeline {
                    agent { docker { image 7 }; docker() }
                    environment { A = credentials(3); B = 4; env.C = 5; D = credentials() }
                    parameters { string(name: [1]); choice() }
                    stages {
                        stage(7) {
                            steps {
                                sh(); sh 7; sh script: [1]; sh(null); bat "$env"; pwsh "${-> 1}"
                                withCredentials(3) { sh "${env['X']}" }
                                withCredentials([string(variable: 3), file(), 'x']) { sh "${X}" }
                                withEnv('x') { bat "$A" }
                                withEnv([3, '=a', 'B', "${env.X}=y"]) { sh 'x' }
                                docker.image().inside { }; docker.image(7); containerTemplate(image: null)
                            }
                        }
                        stage("${env.BRANCH_NAME}") { steps { sh "a" + env.CHANGE_TITLE + 3 } }
                    }
                }
                def (a, b) = [env.CHANGE_BRANCH, params.Y]
                env[a] = b
                a = b = env.CHANGE_TITLE
                sh "${a}" + b + 3
                class K { def x = { sh "${params.Z}" }; K() { sh "$x" } }
                """);
        CASES.put("Jenkins syntax cut short", "pipeline {\n  stages {\n    stage('a') {\n      steps { sh \"${env.X\n");
        CASES.put("jobs and steps of the wrong kinds", """
                on: [pull_request_target, {issues: null}]
                jobs:
                  a: null
                  b: [1, 2]
                  c:
                    runs-on: {group: x}
                    steps: {run: echo}
                  d:
                    steps: [null, 3, {uses: null}, {run: [a]}, {uses: "actions/checkout@", with: [1]}]
                  e:
                    uses: {a: b}
                    secrets: [inherit]
                    needs: {x: y}
                    strategy: {matrix: [1, 2]}
                    if: [1]
                """);
        CASES.put("expressions cut short and nested", """
                on: pull_request_target
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    if: ${{ github.event.pull_request.head.ref == 'x' && ${{ }}
                    steps:
                      - uses: actions/checkout@v4
                        with: {ref: "${{ github.event.pull_request.head.sha"}
                      - run: echo "${{ toJSON(fromJSON(toJSON(github.event))) }}" "${{ format('{0}{1', github.head_ref) }}"
                      - run: ${{ }}${{ a.b.c.d.e.f[1][*] }}${{ 'unterminated }}
                """);
        CASES.put("anchors, aliases and merge keys", """
                on: &on {push: {branches: &b [main]}, pull_request_target: *b}
                x: &job {runs-on: ubuntu-latest, steps: [{run: echo ${{ github.head_ref }}}]}
                jobs:
                  a: *job
                  b: {<<: *job, permissions: *on}
                """);
        CASES.put("an action of the wrong shapes", """
                name: [x]
                inputs: [a]
                outputs: {o: 1}
                runs:
                  using: composite
                  steps: [{run: null, shell: [bash]}, {uses: "./", with: {a: ${{ inputs.a }}}}]
                """);
        CASES.put("a container action with odd fields", """
                runs: {using: docker, image: {x: 1}, args: "${{ inputs.x }}", env: [1]}
                """);
        CASES.put("Terraform of odd shapes", """
                resource "aws_iam_role" "r" {
                  assume_role_policy = jsonencode({Statement = [{Condition = {StringLike = 7}, Principal = null}]})
                }
                data "aws_iam_policy_document" "d" { statement { condition { values = [[1]] } } }
                resource "aws_iam_role" "s" { assume_role_policy = data.aws_iam_policy_document.d.json }
                resource "aws_iam_role" "t" { assume_role_policy = "{\\"Statement\\": \\"x\\"}" }
                resource "aws_iam_openid_connect_provider" "p" { url = 5 }
                """);
        CASES.put("Terraform cut short", "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n");
        CASES.put("Dependabot entries of wrong shapes", "version: 2\nupdates:\n  - null\n  - package-ecosystem: [a]\n"
                + "    cooldown: [1]\n    registries: {a: b}\n    insecure-external-code-execution: {x: y}\n"
                + "  - package-ecosystem: pip\n    open-pull-requests-limit: [0]\n    cooldown:\n      default-days: [7]\n"
                + "      semver-major-days: ~\n      x-days: 99999999999999999999\n");
        CASES.put("pre-commit entries of wrong shapes", "repos:\n  - null\n  - repo: [a]\n  - repo: https://x\n"
                + "    rev: {a: b}\n  - repo: http://y\n  - repo: ''\n    rev: v1\n  - repo: local\n    rev: [1]\n");
        CASES.put("settings entries of wrong shapes", "repository: {default_branch: [main]}\nbranches:\n  - null\n"
                + "  - name: [main]\n  - name: main\n    protection: yes please\n  - name: '['\n    protection:\n"
                + "      required_pull_request_reviews: {required_approving_review_count: 99999999999999999999}\n"
                + "      enforce_admins: {enabled: [true]}\n      allow_force_pushes: {}\n"
                + "rulesets:\n  - rules: [null, {type: [x]}, {type: pull_request, parameters: [1]}]\n"
                + "    conditions: {ref_name: {include: ['[', null, '~ALL'], exclude: 5}}\n"
                + "    bypass_actors: [{}, null]\n  - target: tag\nactions: {default_workflow_permissions: [write]}\n"
                + "environments:\n  - name: ~\n  - name: prod\n    reviewers: 5\n    protection_rules: [null, {type: [x]}, "
                + "{type: required_reviewers, reviewers: {a: b}}]\n    deployment_branch_policy: [1]\n"
                + "unknown: [1]\n");
        CASES.put("GitLab settings of wrong shapes", "gitlab_project: {default_branch: [main], "
                + "ci_pipeline_variables_minimum_override_role: {a: b}, restrict_user_defined_variables: maybe}\n"
                + "protected_branches:\n  - null\n  - name: '*'\n    push_access_levels: [null, {access_level: x}, "
                + "{access_level: 99999999999999999999}]\n    allow_force_push: {enabled: [1]}\n"
                + "approvals: {approvals_before_merge: -5, merge_requests_author_approval: []}\n"
                + "approval_rules: [{protected_branches: [null, {name: [x]}]}, 3]\njob_token_scope: [1]\nunknown: x\n");
        CASES.put("deep nesting", "a: " + "[".repeat(5000) + "]".repeat(5000) + "\nb = " + "{".repeat(5000) + "\n");
        CASES.put("unicode and control characters", "on: push\njobs:\n  \u00e9\u200b:\n    runs-on: \"\\u0000\"\n"
                + "    steps:\n      - run: \"\\t\\r\\u2028${{ github.event.issue.title }}\"\n");
    }

    @TestFactory
    Stream<DynamicTest> oddShapes(@TempDir Path dir) {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((name, text) -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (ScanOutcome.As as : ScanOutcome.As.values()) {
                tests.add(dynamicTest(name + ", as " + as, () -> ScanOutcome.scanCleanly(bytes, as, dir)));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> formerFuzzFindings(@TempDir Path dir) throws IOException {
        return FormerFindings.replay(FORMER_FINDINGS, bytes -> {
            for (ScanOutcome.As as : ScanOutcome.As.values()) {
                ScanOutcome.scanCleanly(bytes, as, dir);
            }
        });
    }
}
