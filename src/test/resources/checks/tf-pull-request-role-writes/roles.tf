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
