#!/usr/bin/env python3
"""Times `cimatrix scan` (or, with --fix-diff, the planning of every fix, or with --paths, the attack paths) over workflow, GitLab CI, Azure Pipelines,
CircleCI, Bitbucket Pipelines, Jenkins and settings shapes that once took, or could take, time growing faster than their size.

Each shape is written to a folder of its own under a temporary directory and scanned by the launcher in a
process of its own (JVM start included), with a time limit; the script prints the milliseconds, the exit code
and the summary line of each, and exits non-zero when one runs past the limit or fails.

Usage: bench/hostile-shapes.py [--limit SECONDS] [--keep DIR] [--checkout DIR] [--fix-diff | --paths]
       --checkout DIR times the cimatrix checkout in DIR (another version) instead of this one
       --fix-diff times `scan --profile auditor --fix-diff`, which plans every fix of the shape's findings
       --paths times `paths`, which runs the checks whose findings are moves and builds and searches the graph
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IND = '          '


def workflow(on, steps, job_extra=''):
    return f"on: {on}\npermissions: {{}}\njobs:\n  j:\n    runs-on: ubuntu-latest\n{job_extra}    steps:\n{steps}"


def shapes():
    """Name, {path: text} of each shape."""
    out = {}
    # Variables assigned from one another many times (exponential to follow way by way).
    lines = [f'V{i}="' + ''.join(f'$V{j}' for j in range(i + 1, min(40, i + 40))) + '"'
             for i in range(40) for _ in range(40)]
    out['assignments-from-one-another'] = workflow('pull_request_target', "      - env:\n          T: ${{ github.event.pull_request.title }}\n        run: |\n"
        + ''.join(IND + l + '\n' for l in lines) + IND + 'echo "X=$V0" >> $GITHUB_ENV\n' + IND + 'echo "Y=$T" >> $GITHUB_ENV\n')
    # Thousands of writes of different variables (each once looked for through the whole script).
    out['writes-of-many-variables'] = workflow('issue_comment', "      - id: s\n        env:\n          T: ${{ github.event.comment.body }}\n        run: |\n"
        + IND + 'echo "x=$T" >> $GITHUB_ENV\n' + ''.join(f'{IND}echo "o{i}=$V{i}" >> "$GITHUB_OUTPUT"\n' for i in range(5000))
        + "      - run: echo \"${{ steps.s.outputs.o1 }}\"\n")
    # Case statements and pattern tests of thousands of variables.
    out['validations'] = workflow('issue_comment', "      - env:\n          B: ${{ github.event.comment.body }}\n        run: |\n"
        + ''.join(f'{IND}case "$V{i}" in a|b) ;; *) exit 1;; esac\n{IND}[[ "$W{i}" =~ ^[a-z]+$ ]] || exit 1\n'
                  f'{IND}echo "x{i}=$V{i}$W{i}$B" >> $GITHUB_ENV\n' for i in range(2000)))
    # Thousands of env variables read by thousands of writes.
    out['env-variables'] = workflow('issues', "      - env:\n" + ''.join(f"          E{i}: ${{{{ github.event.issue.title }}}}\n" for i in range(3000))
        + "        run: |\n" + ''.join(f'{IND}echo "A{i}=$E{i}" >> $GITHUB_ENV\n' for i in range(3000)))
    # A chain of step outputs, each written from the one before.
    out['chain-of-step-outputs'] = workflow('issues', "      - id: s0\n        run: echo \"v=${{ github.event.issue.title }}\" >> $GITHUB_OUTPUT\n"
        + ''.join(f"      - id: s{i}\n        run: echo \"v=${{{{ steps.s{i - 1}.outputs.v }}}}\" >> $GITHUB_OUTPUT\n" for i in range(1, 3000)))
    # A chain of jobs, each output written from the one before.
    jobs = ''.join(f"  j{i}:\n    needs: j{i - 1}\n    runs-on: ubuntu-latest\n    outputs:\n      v: ${{{{ steps.s.outputs.v }}}}\n    steps:\n"
                   f"      - id: s\n        run: echo \"v=${{{{ needs.j{i - 1}.outputs.v }}}}\" >> $GITHUB_OUTPUT\n" for i in range(1, 1500))
    out['chain-of-jobs'] = ("on: issues\npermissions: {}\njobs:\n  j0:\n    runs-on: ubuntu-latest\n    outputs:\n      v: ${{ steps.s.outputs.v }}\n"
                            "    steps:\n      - id: s\n        run: echo \"v=${{ github.event.issue.title }}\" >> $GITHUB_OUTPUT\n" + jobs)
    # Thousands of downloads piped into a shell, and of actions given a version from the event.
    # A pull request checked out under a label, then scripts of thousands of trap handlers and [[ tests that never close,
    # and functions: each read once, not once per start.
    out['unclosed-traps-and-tests'] = workflow('pull_request_target', "      - uses: actions/checkout@v4\n        with:\n"
        "          ref: ${{ github.event.pull_request.head.ref }}\n      - run: |\n"
        + ''.join(f"{IND}f{i}() {{ echo {i}; }}\n{IND}trap 'f{i}\n{IND}trap \"f{i}\n" for i in range(20000))
        + IND + "[[ -n $A && " * 50000 + "\n", "    if: contains(github.event.pull_request.labels.*.name, 'ok')\n")
    # Thousands of jobs behind a label, each checking the pull request out and running steps (whether a step of the
    # workflow takes labels off is asked once per workflow, not once per step).
    out['label-gated-jobs'] = "on: pull_request_target\npermissions: {}\njobs:\n" + ''.join(
        f"  j{i}:\n    if: contains(github.event.pull_request.labels.*.name, 'ok')\n    runs-on: [self-hosted, linux]\n"
        "    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        + ''.join(f"      - run: make t{k}\n" for k in range(8)) for i in range(3000))
    # Thousands of install commands, each with dozens of options and packages, in scripts just under the reading limit
    # and in thousands of steps.
    install = 'pip install ' + ' '.join(f'--target d{k} p{k}' for k in range(20)) + ' && npm i -g ' + ' '.join(f'q{k}@^1' for k in range(20))
    out['package-installs'] = workflow('push', "      - run: |\n" + ''.join(f"{IND}{install}\n" for _ in range(130))
        + ''.join(f"      - run: gem install r{i} && cargo install c{i} --locked\n" for i in range(3000)))
    out['remote-scripts'] = workflow('issue_comment', "      - run: |\n" + ''.join(f"{IND}curl -sSf https://x.example/{i}.sh | sh\n" for i in range(5000)))
    out['actions'] = workflow('pull_request_target', ''.join(f"      - uses: owner{i % 50}/action{i}@v1\n        with:\n          version: ${{{{ github.event.pull_request.title }}}}\n" for i in range(5000)))
    # Thousands of jobs that each need dozens (each need was once found by a walk over every job).
    out['jobs-needing-dozens'] = "on: issues\njobs:\n" + ''.join(
        f"  j{i}:\n    runs-on: ubuntu-latest\n" + (f"    needs: [{', '.join('j' + str(k) for k in range(max(0, i - 40), i))}]\n" if i else '')
        + f"    outputs:\n      o: ${{{{ steps.s.outputs.o }}}}\n    steps:\n      - id: s\n"
          f"        run: echo \"o=${{{{ needs.j{max(0, i - 1)}.outputs.o }}}}\" >> $GITHUB_OUTPUT\n" for i in range(10000))
    # A script writing thousands of outputs from the same expression (each was once weighed for every value written).
    out['outputs-from-one-expression'] = ("on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    outputs:\n"
        + ''.join(f"      o{i}: ${{{{ steps.s.outputs.o{i} }}}}\n" for i in range(8000)) + "    steps:\n      - id: s\n        run: |\n"
        + ''.join(f"{IND}echo \"o{i}=${{{{ github.event.issue.title }}}}\" >> $GITHUB_OUTPUT\n" for i in range(8000))
        + "  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n" + ''.join(f"      - run: echo ${{{{ needs.a.outputs.o{i} }}}}\n" for i in range(8000)))
    # A matrix of thousands of images.
    out['matrix'] = ("on: push\npermissions: {}\njobs:\n  j:\n    strategy:\n      matrix:\n        image: [" + ','.join(f'"img{i}:latest"' for i in range(3000))
                     + "]\n    runs-on: ubuntu-latest\n    container: ${{ matrix.image }}\n    steps:\n      - run: echo ${{ matrix.image }}\n")
    # Thousands of checkouts into folders of their own among uploads, scripts and actions (each step was once weighed
    # against every checkout before it), and a job of nothing but checkouts (each once looked at every later step).
    kinds = ["      - uses: actions/checkout@v4\n        with:\n          path: c{i}\n          ref: ${{{{ github.event.pull_request.head.sha }}}}\n",
             "      - uses: actions/upload-artifact@v3\n        with:\n          path: c{p}\n",
             "      - run: |\n          cd c{p} && npm install\n          echo \"X{i}=${{{{ github.event.pull_request.title }}}}\" >> $GITHUB_ENV\n",
             "      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n          cache: npm\n",
             "      - id: s{i}\n        run: echo \"v=${{{{ steps.s{p}.outputs.v }}}}\" >> $GITHUB_OUTPUT\n",
             "      - run: ./build.sh ${{{{ secrets.TOKEN }}}}\n"]
    out['checkouts-among-steps'] = ("on: pull_request_target\njobs:\n  j:\n    runs-on: [self-hosted]\n    steps:\n"
                                    + ''.join(kinds[i % len(kinds)].format(i=i, p=max(0, i - 12)) for i in range(20000)))
    out['checkouts'] = workflow('push', "      - uses: actions/checkout@v4\n" * 40000)
    # Thousands of workflow and job env entries read by thousands of steps (the workflow's env was once weighed again
    # for each step, and each step searched its script for every name).
    out['env-entries'] = ("on: issue_comment\nenv:\n" + ''.join(f"  E{i}: ${{{{ github.event.comment.body }}}}\n" for i in range(5000))
                          + "jobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n" + ''.join(f"      J{i}: ${{{{ secrets.S{i} }}}}\n" for i in range(5000))
                          + "    steps:\n" + ''.join(f"      - run: |\n          echo \"A{i}=$E{i % 5000}\" >> $GITHUB_ENV\n          echo ${{J{i % 5000}:0:4}} | rev\n"
                                                   f"          echo ${{{{ env.E{i % 5000} }}}}\n" for i in range(10000)))
    # Thousands of findings, each silenced on its line (each was once held against every suppression of the file).
    out['suppressions'] = workflow('push', "      - uses: actions/checkout@v4  # cimatrix: ignore[gha-artipacked]\n" * 40000)
    # A condition of thousands of comparisons.
    cond = ' || '.join(f"github.event.comment.body == 'x{i}'" for i in range(3000))
    out['condition'] = f"on: issue_comment\npermissions: {{}}\njobs:\n  j:\n    if: ${{{{ {cond} }}}}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
    # A job of thousands of AI agent steps, each with a secret of its own (the job's holdings were read for each step).
    out['agent-steps'] = "on: issue_comment\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + ''.join(
        f"      - uses: openai/codex-action@v1\n        with:\n          openai-api-key: ${{{{ secrets.K{i} }}}}\n"
        f"          allow-users: '*'\n          prompt: ${{{{ github.event.comment.body }}}}\n" for i in range(15000))
    # A job of thousands of debug-session steps, each with a secret of its own.
    out['debug-session-steps'] = "on: pull_request_target\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + ''.join(
        f"      - uses: mxschmitt/action-tmate@v3\n        with:\n          limit-access-to-actor: true\n"
        f"        env:\n          K: ${{{{ secrets.K{i} }}}}\n" for i in range(15000))
    # Infrastructure commands of thousands of options, quoted values left open and no verb, in a job that plans for pull
    # requests with secrets in every step (each option is read once, and the steps' secrets are gathered once).
    out['iac-commands'] = "on: pull_request\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + ''.join(
        f"      - env:\n          K: ${{{{ secrets.K{i} }}}}\n        run: |\n"
        f"{IND}terraform " + ' '.join(['-x="a'] * 300) + " fmt\n"
        f"{IND}A=1 " + 'B=2 ' * 300 + "npx cdk" + ' run --all' * 100 + " list\n" for i in range(2000)) + (
        "      - run: terraform plan\n")
    # A job of thousands of secret files and thousands of uploads, none of which takes any of the files: every file is
    # matched against every upload's paths.
    out['secret-files-and-uploads'] = workflow('push', ''.join(
        f"      - run: echo \"${{{{ secrets.K{i} }}}}\" > keys/k{i}/key.json\n"
        f"      - uses: actions/upload-artifact@v4\n        with:\n          path: |\n"
        f"            dist/**/*.tar.gz\n            reports/r{i}/[a-z]*.xml\n" for i in range(4000)))
    files = {name: {'.github/workflows/w.yml': text} for name, text in out.items()}
    # Local composite actions and reusable workflows, each calling the next.
    actions = {}
    for i in range(300):
        step = (f"    - uses: ./.github/actions/a{i + 1}\n      with:\n        x: ${{{{ inputs.x }}}}\n" if i < 299
                else "    - run: echo ${{ inputs.x }}\n      shell: bash\n")
        actions[f'.github/actions/a{i}/action.yml'] = f"name: a{i}\ndescription: d\ninputs:\n  x:\n    description: x\nruns:\n  using: composite\n  steps:\n{step}"
    actions['.github/workflows/w.yml'] = workflow('issues', "      - uses: ./.github/actions/a0\n        with:\n          x: ${{ github.event.issue.title }}\n")
    files['chain-of-actions'] = actions
    reusable = {}
    for i in range(200):
        body = (f"    uses: ./.github/workflows/r{i + 1}.yml\n    with:\n      x: ${{{{ inputs.x }}}}\n" if i < 199
                else "    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.x }}\n")
        reusable[f'.github/workflows/r{i}.yml'] = f"on:\n  workflow_call:\n    inputs:\n      x:\n        type: string\njobs:\n  j:\n{body}"
    reusable['.github/workflows/w.yml'] = "on: issue_comment\njobs:\n" + ''.join(
        f"  c{k}:\n    uses: ./.github/workflows/r0.yml\n    with:\n      x: ${{{{ github.event.comment.body }}}}\n" for k in range(50))
    files['chain-of-reusable-workflows'] = reusable
    # A Dependabot configuration of thousands of entries, none with a cooldown, beside a workflow that merges its pull
    # requests (the workflows are searched once per file, not once per entry).
    files['dependabot-entries'] = {
        '.github/dependabot.yml': "version: 2\nupdates:\n" + ''.join(
            f"  - package-ecosystem: npm\n    directory: /p{i}\n    schedule:\n      interval: daily\n"
            f"    insecure-external-code-execution: allow\n    registries: [r{i}]\n" for i in range(20000)),
        '.github/workflows/merge.yml': workflow('pull_request_target', "      - run: gh pr merge --auto \"$URL\"\n",
                                                "    if: github.actor == 'dependabot[bot]'\n"),
    }
    # GitLab CI: one script of thousands of lines that expand a commit title where eval reads it again (each once
    # judged from the script's start), one line of tens of thousands of them in a single sh -c program, and thousands of
    # files that all include every file of the project by wildcard (each once walking the whole project).
    files['gitlab-evaluated-variables'] = {'.gitlab-ci.yml': "build:\n  script:\n    - |\n" + ''.join(
        f'      eval "echo $CI_COMMIT_TITLE line {i}"\n' for i in range(20000))}
    files['gitlab-one-long-program'] = {'.gitlab-ci.yml': "build:\n  script:\n    - |\n      sh -c \""
                                        + '$CI_COMMIT_TITLE ' * 40000 + '"\n'}
    includes = {'.gitlab-ci.yml': "include: ['**']\nj:\n  script: x\n"}
    for i in range(3000):
        includes[f'd{i % 50:02d}/f{i:04d}.yml'] = f"include: '**'\nj{i}:\n  script: x\n"
    files['gitlab-wildcard-includes'] = includes
    # Thousands of pipeline variables set from a commit title, read by thousands of jobs through variables of their own.
    files['gitlab-variables-from-variables'] = {'.gitlab-ci.yml': "variables:\n" + ''.join(
        f'  V{i}: "$CI_COMMIT_TITLE {i}"\n' for i in range(3000)) + ''.join(
        f'j{j}:\n  variables:\n    X: "$V{j % 3000}"\n  script:\n    - eval "echo $X"\n' for j in range(5000))}
    # GitLab rules: thousands of jobs that each extend a chain of templates a hundred deep (past the limit), a workflow
    # and jobs whose rules are long expressions of many comparisons and nested parentheses, and regular expressions.
    chain = ''.join(f'.t{i}:\n  extends: .t{i + 1}\n' for i in range(100)) + ".t100:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\n"
    long_if = ' || '.join(f'($CI_COMMIT_BRANCH =~ /^r{i}-(a|b)+$/ && $V{i} == "x")' for i in range(40))
    files['gitlab-rules-and-extends'] = {'.gitlab-ci.yml': "workflow:\n  rules:\n    - if: '" + long_if + "'\n"
        + chain + ''.join(f'j{j}:\n  extends: [.t{j % 100}]\n  script:\n    - eval "echo $CI_COMMIT_TITLE"\n'
                          f'  rules:\n    - if: \'{"(" * 40}$CI_COMMIT_TAG{")" * 40} || {long_if}\'\n' if j % 2 else
                          f'j{j}:\n  extends: [.t{j % 100}]\n  script:\n    - eval "echo $CI_COMMIT_TITLE"\n'
                          for j in range(3000))}
    # Azure Pipelines: thousands of variables each set from the one before, from a commit message, read by thousands
    # of steps; templates that all take in one another (a loop, and more than the limit); expressions nested deep.
    files['azure-variables-from-variables'] = {'azure-pipelines.yml': "variables:\n  V0: $(Build.SourceVersionMessage)\n"
        + ''.join(f'  V{i}: "$(V{i - 1}) {i}"\n' for i in range(1, 3000)) + "steps:\n" + ''.join(
        f'  - script: echo "$(V{j % 8})" "$(V{j % 3000})"\n' for j in range(5000))}
    templates = {'azure-pipelines.yml': "trigger: none\nsteps:\n  - template: t/0.yml\n"}
    for i in range(300):
        templates[f't/{i}.yml'] = "steps:\n" + ''.join(f'  - template: {j}.yml\n' for j in range(0, 300, 7)) \
            + f'  - script: make t{i}\n'
    files['azure-templates-of-templates'] = templates
    # Template parameters passed on from each of 300 templates to 40 others, the first set from the commit message.
    passing = {'azure-pipelines.yml': "pool:\n  vmImage: ubuntu-latest\nsteps:\n  - template: p/0.yml\n"
               "    parameters:\n      p: $(Build.SourceVersionMessage)\n"}
    for i in range(300):
        passing[f'p/{i}.yml'] = "parameters:\n  - name: p\n    type: string\nsteps:\n" + ''.join(
            f"  - template: {j}.yml\n    parameters:\n      p: \"x ${{{{ parameters.p }}}}\"\n"
            for j in range((i + 1) % 300, 300, 7)) + "  - bash: |\n" + ''.join(
            f'      echo "{k} ${{{{ parameters.p }}}}"\n' for k in range(50))
    files['azure-template-parameters'] = passing
    nested = ''.join('  ' * d + f'- ${{{{ if eq(parameters.p{d}, true) }}}}:\n' for d in range(200))
    files['azure-nested-expressions'] = {'azure-pipelines.yml': "steps:\n" + nested + '  ' * 200
                                         + "- script: curl https://x.example | sh\n"}
    files['azure-one-long-script'] = {'azure-pipelines.yml': "pool:\n  vmImage: ubuntu-latest\nsteps:\n  - bash: |\n"
        + ''.join(f'      echo "{i} $(Build.SourceVersionMessage)"\n' for i in range(20000))}
    # CircleCI and Bitbucket Pipelines: thousands of jobs and steps, each downloading and running a script.
    files['circleci-many-jobs'] = {'.circleci/config.yml': "version: 2.1\njobs:\n" + ''.join(
        f"  j{i}:\n    docker: [{{image: cimg/base:2024.{i % 12}}}]\n    steps:\n"
        + ''.join(f"      - run: curl -fsSL https://x.example/{i}/{k}.sh | bash\n" for k in range(5))
        for i in range(4000))}
    # CircleCI parameters passed on through thousands of commands that call each other in a web with cycles.
    n = 3000
    files['circleci-parameter-web'] = {'.circleci/config.yml': "version: 2.1\ncommands:\n" + ''.join(
        f"  c{i}:\n    parameters:\n      x: {{type: string}}\n    steps:\n"
        f"      - run: echo \"<< parameters.x >>\"\n"
        f"      - c{(i + 1) % n}: {{x: << parameters.x >>}}\n"
        f"      - c{(i * 7 + 3) % n}: {{x: \"<< parameters.x >> y\"}}\n" for i in range(n))
        + "jobs:\n  j:\n    docker: [{image: cimg/base:current}]\n    steps:\n"
        + "      - c0: {x: << pipeline.git.commit.subject >>}\n"
        + "workflows:\n  main:\n    jobs: [j]\n"}
    files['bitbucket-many-steps'] = {'bitbucket-pipelines.yml': "pipelines:\n  default:\n" + ''.join(
        f"    - step:\n        image: node:{i % 20}\n        script:\n          - curl -fsSL https://x.example/{i}.sh | sh\n"
        f"          - pipe: atlassian/aws-s3-deploy:1.{i % 9}.0\n" for i in range(8000))}
    # Jenkinsfiles: a megabyte of shell steps each writing a branch name into its script (the size limit), one script
    # of fifty thousand interpolations, and the shapes refused before Groovy's parser runs (a chain of casts, on which
    # its time doubles with each, and nesting that grows it with the square of the depth).
    files['jenkins-many-steps'] = {'Jenkinsfile': "node {\n" + ''.join(
        f'  stage("s{i}") {{ sh "echo ${{env.BRANCH_NAME}} | curl -fsSL https://x.example/{i}.sh | bash" }}\n'
        for i in range(10000)) + "}\n"}
    files['jenkins-one-long-script'] = {'Jenkinsfile': 'node { sh "' + '${env.CHANGE_TITLE} ' * 50000 + '" }\n'}
    files['jenkins-cast-chain'] = {'Jenkinsfile': 'node {\n  def x = ' + '(String) ' * 5000 + 'y\n}\n'}
    # Settings: many protection patterns and rulesets with wildcard patterns, each matched against the default branch;
    # many environments, each looked up among the jobs of many workflows.
    files['settings-many-patterns'] = {'.github/settings.yml': "repository:\n  default_branch: main\nbranches:\n" + ''.join(
        f"  - name: 'rel-{i}/**a**a**a**'\n    protection: {{allow_force_pushes: true}}\n" for i in range(20000))
        + "rulesets:\n" + ''.join(f"  - name: r{i}\n    conditions: {{ref_name: {{include: ["
                                   + ', '.join(f"'refs/heads/**a**a**{j}'" for j in range(30)) + "]}}\n" for i in range(2000))}
    many_environments = {'.github/settings.yml': "environments:\n" + ''.join(f"  - name: env{i}\n" for i in range(5000))}
    for w in range(200):
        many_environments[f'.github/workflows/w{w}.yml'] = "on: push\npermissions: {}\njobs:\n" + ''.join(
            f"  j{k}:\n    runs-on: ubuntu-latest\n    environment: env{k}\n    steps:\n      - run: x\n" for k in range(50))
    files['settings-many-environments'] = many_environments
    files['jenkins-deep-closures'] = {'Jenkinsfile': 'node {\n' + 'stage("s") {\n' * 20000 + 'sh "x"\n'
                                      + '}\n' * 20000 + '}\n'}
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--limit', type=float, default=30.0, help='seconds each scan may take (default 30)')
    parser.add_argument('--keep', help='write the shapes under this folder and keep them')
    parser.add_argument('--only', help='run only the shapes whose name contains this text')
    parser.add_argument('--checkout', default=ROOT, help='the cimatrix checkout to time (default: this one)')
    parser.add_argument('--fix-diff', action='store_true',
                        help='time `scan --profile auditor --fix-diff` (planning every fix) instead of the scan')
    parser.add_argument('--paths', action='store_true',
                        help='time `paths` (building the attack graph and searching it) instead of the scan')
    args = parser.parse_args()
    base = args.keep or tempfile.mkdtemp(prefix='cimatrix-hostile-')
    launcher = os.path.join(args.checkout, 'cimatrix')
    subprocess.run([launcher, '--version'], check=True, stdout=subprocess.DEVNULL)
    failed = 0
    try:
        for name, files in shapes().items():
            if args.only and args.only not in name:
                continue
            folder = os.path.join(base, name)
            for path, text in files.items():
                os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
                with open(os.path.join(folder, path), 'w') as f:
                    f.write(text)
            size = sum(len(t) for t in files.values())
            start = time.monotonic()
            try:
                report = os.path.join(base, name + '.json')
                if args.fix_diff:
                    command = [launcher, 'scan', '--profile', 'auditor', '--fix-diff', '--fail-on', 'none', '--output',
                               report, folder]
                elif args.paths:
                    command = [launcher, 'paths', '--format', 'json', '--output', report, folder]
                else:
                    command = [launcher, 'scan', '--fail-on', 'none', '--format', 'json', '--output', report, folder]
                run = subprocess.run(command, capture_output=True, text=True, timeout=args.limit)
                ms = (time.monotonic() - start) * 1000
                ok = run.returncode == 0
                if args.fix_diff:
                    summary = (run.stderr.splitlines() or ['-'])[0] if ok else run.stderr.strip()[-200:]
                elif args.paths:
                    # The graph's size from the summary: the report's graph holds only the nodes on its paths.
                    result = json.load(open(report)) if ok else None
                    summary = (f"{len(result['paths'])} paths, {result['summary']['nodes']} nodes"
                               if ok else run.stderr.strip()[-200:])
                else:
                    summary = f"{len(json.load(open(report))['findings'])} findings" if ok else '-'
                print(f"{name:30} {size / 1024:6.0f} KiB {ms:8.0f} ms  exit {run.returncode}  {summary}")
            except subprocess.TimeoutExpired:
                ok = False
                print(f"{name:30} {size / 1024:8.0f} KiB  over {args.limit:.0f} s")
            failed += not ok
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
