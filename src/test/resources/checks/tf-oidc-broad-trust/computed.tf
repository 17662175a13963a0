# Subject conditions whose values are computed: a condition exists, and none of these is "no condition".

data "aws_iam_policy_document" "for_each_repository" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [for repository in var.repositories : "repo:${repository}:ref:refs/heads/main"]
    }
  }
}

resource "aws_iam_role" "for_each_repository" {
  name               = "for-each-repository"
  assume_role_policy = data.aws_iam_policy_document.for_each_repository.json
}

data "aws_iam_policy_document" "formatted" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = formatlist("repo:acme/%s:environment:production", var.repositories)
    }
  }
}

resource "aws_iam_role" "formatted" {
  name               = "formatted"
  assume_role_policy = data.aws_iam_policy_document.formatted.json
}

resource "aws_iam_role" "from_variable" {
  name = "from-variable"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = { "token.actions.githubusercontent.com:sub" = var.subjects }
      }
    }]
  })
}

# A literal organisation-wide subject beside computed ones is still organisation-wide.
data "aws_iam_policy_document" "mixed" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub" # expect: tf-oidc-broad-trust
      values   = ["repo:acme/*", var.more_subjects]
    }
  }
}

resource "aws_iam_role" "mixed" {
  name               = "mixed"
  assume_role_policy = data.aws_iam_policy_document.mixed.json
}
