#!/usr/bin/env python3
"""Writes a synthetic organisation for `cimatrix paths` benchmarks: REPOS repositories (default 1,000), each
with four workflows of five jobs (20,000 jobs in all), a mix of risky and safe patterns, some Terraform,
and one cimatrix-model.yml at the root. Deterministic for a given seed.

Usage: bench/generate-org.py OUT_DIR [REPOS] [SEED]
"""
import os
import random
import sys

SHA = "11bd71901bbe5b1630ceea73d27597364c9af683"

PWN = """name: preview
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: write
  packages: write
jobs:
{jobs}"""

PWN_JOB = """  preview{i}:
    runs-on: ubuntu-latest
    env:
      DEPLOY_KEY: ${{{{ secrets.DEPLOY_KEY }}}}
    steps:
      - uses: actions/checkout@{sha}
        with:
          ref: ${{{{ github.event.pull_request.head.sha }}}}
      - run: npm ci && npm test
"""

INJECTION = """name: triage
on:
  issue_comment:
    types: [created]
permissions:
  issues: write
  contents: write
jobs:
{jobs}"""

INJECTION_JOB = """  triage{i}:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{{{ github.event.comment.body }}}}" | ./triage.sh
        env:
          BOT_TOKEN: ${{{{ secrets.BOT_TOKEN }}}}
"""

SAFE = """name: ci
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
{jobs}"""

SAFE_JOB = """  test{i}:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@{sha}
      - uses: actions/setup-node@{unpinned}
      - run: npm ci && npm test
"""

DEPLOY = """name: deploy
on:
  push:
    branches: [main]
permissions:
  contents: read
  id-token: write
jobs:
{jobs}"""

DEPLOY_JOB = """  deploy{i}:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@{sha}
      - uses: aws-actions/configure-aws-credentials@{sha}
        with:
          role-to-assume: arn:aws:iam::111122223333:role/{role}
          aws-region: eu-west-1
      - run: aws ecs update-service --cluster prod --service {repo} --force-new-deployment
"""

TERRAFORM = """resource "aws_iam_role" "deploy" {{
  name = "{role}"
  assume_role_policy = jsonencode({{
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }}
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {{ StringLike = {{ "token.actions.githubusercontent.com:sub" = "{subject}" }} }}
    }}]
  }})
}}
"""

MODEL = """version: 1
components:
  - id: github
    type: scm
    exposure: public
  - id: aws-prod
    type: cloud-account
    account: "111122223333"
identities:
  - id: deploy-key
    kind: secret
    secrets: [DEPLOY_KEY]
    grants: [aws-prod]
  - id: bot-token
    kind: token
    secrets: [BOT_TOKEN]
    grants: [github]
assets:
  - id: production-data
    kind: data
    criticality: critical
    in: aws-prod
  - id: private-source
    kind: source-code
    criticality: critical
    in: github
personas:
  - id: outsider
    kind: outside-contributor
  - id: upstream
    kind: compromised-dependency
"""


def workflow(template, job, count, **values):
    return template.format(jobs="".join(job.format(i=i, sha=SHA, **values) for i in range(count)))


def main():
    out = sys.argv[1]
    repos = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 4)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "cimatrix-model.yml"), "w") as f:
        f.write(MODEL)
    for r in range(repos):
        name = f"repo-{r:04d}"
        wf = os.path.join(out, name, ".github", "workflows")
        os.makedirs(wf, exist_ok=True)
        risky = rng.random()
        files = {
            "ci.yml": workflow(SAFE, SAFE_JOB, 5, unpinned="v4" if rng.random() < 0.5 else SHA),
            "deploy.yml": workflow(DEPLOY, DEPLOY_JOB, 5, role=f"{name}-deploy", repo=name),
        }
        # one repository in ten builds pull requests with secrets, one in five runs comment text as code
        if risky < 0.1:
            files["preview.yml"] = workflow(PWN, PWN_JOB, 5)
        else:
            files["preview.yml"] = workflow(SAFE, SAFE_JOB, 5, unpinned=SHA)
        if risky > 0.8:
            files["triage.yml"] = workflow(INJECTION, INJECTION_JOB, 5)
        else:
            files["triage.yml"] = workflow(SAFE, SAFE_JOB, 5, unpinned=SHA)
        for file, text in files.items():
            with open(os.path.join(wf, file), "w") as f:
                f.write(text)
        if r % 10 == 0:
            os.makedirs(os.path.join(out, name, "infra"), exist_ok=True)
            subject = "repo:acme/*" if r % 20 == 0 else f"repo:acme/{name}:environment:production"
            with open(os.path.join(out, name, "infra", "iam.tf"), "w") as f:
                f.write(TERRAFORM.format(role=f"{name}-deploy", subject=subject))


if __name__ == "__main__":
    main()
