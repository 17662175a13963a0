package dev.cimatrix.discover.terraform;

/** Terraform text of an AWS role that GitHub Actions runs may assume, for tests that read it. */
public final class TerraformRoles {
    private TerraformRoles() {
    }

    /**
     * {@code resource "aws_iam_role" "<name>"} trusting GitHub's OIDC tokens of one subject, then, at line 13, an
     * {@code aws_iam_role_policy_attachment} of one AWS managed policy.
     */
    public static String roleWithPolicy(String name, String account, String subject, String policy) {
        return """
                resource "aws_iam_role" "%1$s" {
                  name = "%1$s"
                  assume_role_policy = jsonencode({
                    Statement = [{
                      Effect    = "Allow"
                      Principal = { Federated = "arn:aws:iam::%2$s:oidc-provider/token.actions.githubusercontent.com" }
                      Action    = "sts:AssumeRoleWithWebIdentity"
                      Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "%3$s" } }
                    }]
                  })
                }

                resource "aws_iam_role_policy_attachment" "%1$s" {
                  role       = aws_iam_role.%1$s.name
                  policy_arn = "arn:aws:iam::aws:policy/%4$s"
                }
                """.formatted(name, account, subject, policy);
    }
}
