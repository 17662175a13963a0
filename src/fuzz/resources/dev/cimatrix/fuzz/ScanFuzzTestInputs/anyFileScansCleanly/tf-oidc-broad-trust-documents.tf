data "aws_iam_policy_document" "gitlab_group" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/gitlab.com"]
    }
    condition {
      test     = "StringLike"
      variable = "gitlab.com:sub" # expect: tf-oidc-broad-trust
      values   = ["project_path:acme-group/*:ref_type:branch:ref:main"]
    }
  }
}

resource "aws_iam_role" "gitlab_group" {
  name               = "gitlab-group"
  assume_role_policy = data.aws_iam_policy_document.gitlab_group.json
}

# ok: the environment pins the subject, through a provider declared in another file of the module
data "aws_iam_policy_document" "deploy" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme/app:environment:production"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.deploy.json
}
