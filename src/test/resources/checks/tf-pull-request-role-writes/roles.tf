resource "aws_iam_openid_connect_provider" "github" {
  url = "https://token.actions.githubusercontent.com"
}

# The role pull-request runs assume, given administrator rights by an attachment.
resource "aws_iam_role" "pull_requests" {
  name = "app-pull-requests"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = "repo:acme/app:pull_request"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "pull_requests_admin" { # expect: tf-pull-request-role-writes
  role       = aws_iam_role.pull_requests.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# ok: reading is what pull-request runs need
resource "aws_iam_role_policy_attachment" "pull_requests_read" {
  role       = aws_iam_role.pull_requests.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# Every ref of the repository, pull requests included, with write policies listed on the role itself.
resource "aws_iam_role" "any_ref" { # expect: tf-pull-request-role-writes
  name                = "app-any-ref"
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:*" }
      }
    }]
  })
}

# ok: only the production environment's runs may assume the role that writes
resource "aws_iam_role" "production" {
  name = "app-production"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:environment:production" }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "production_admin" {
  role       = "app-production"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# A role given by name in the attachment, trusted for pull requests.
resource "aws_iam_role" "by_name" {
  name = "app-pr-s3"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:sub" = ["repo:acme/app:ref:refs/heads/main", "repo:acme/app:pull_request"] }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "by_name_s3" { # expect: tf-pull-request-role-writes
  role       = "app-pr-s3"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}

# Inline policies: one that writes, given by aws_iam_role_policy, and one on the role that only reads.
resource "aws_iam_role" "inline" {
  name = "app-pr-inline"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:pull_request" }
      }
    }]
  })
  inline_policy {
    name = "describe"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = ["ec2:Describe*", "s3:GetObject", "s3:ListBucket"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role_policy" "inline_state" { # expect: tf-pull-request-role-writes
  name = "state"
  role = aws_iam_role.inline.id
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::state/*" },
      { Effect = "Deny", Action = "s3:DeleteObject", Resource = "*" }
    ]
  })
}

# ok: a document of the module that only reads
data "aws_iam_policy_document" "reads" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "document" {
  name = "app-pr-document"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:pull_request" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "document" {
  role   = aws_iam_role.document.name
  policy = data.aws_iam_policy_document.reads.json
}

# ok: a plan role that reads, and writes only Terraform's state locks
resource "aws_iam_role" "plan" {
  name = "app-pr-plan"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:pull_request" }
      }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  inline_policy {
    name = "locks"
    policy = jsonencode({
      Statement = [
        { Effect = "Allow", Action = ["dynamodb:PutItem", "dynamodb:DeleteItem"], Resource = "arn:aws:dynamodb:eu-west-1:111122223333:table/terraform-locks" },
        { Effect = "Allow", Action = ["s3:PutObject", "s3:DeleteObject"], Resource = "arn:aws:s3:::state/live/prod.tfstate.tflock" }
      ]
    })
  }
}
