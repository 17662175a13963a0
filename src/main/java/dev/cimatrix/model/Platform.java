package dev.cimatrix.model;

/**
 * A CI/CD platform, an infrastructure-as-code language, or a repository's automation configuration (Dependabot,
 * pre-commit), whose definitions cimatrix reads.
 */
public enum Platform {
    GITHUB_ACTIONS("github-actions", "GitHub Actions"),
    GITLAB_CI("gitlab-ci", "GitLab CI"),
    AZURE_PIPELINES("azure-pipelines", "Azure Pipelines"),
    JENKINS("jenkins", "Jenkins"),
    CIRCLECI("circleci", "CircleCI"),
    BITBUCKET("bitbucket", "Bitbucket Pipelines"),
    TERRAFORM("terraform", "Terraform"),
    DEPENDABOT("dependabot", "Dependabot"),
    PRE_COMMIT("pre-commit", "pre-commit");

    private final String id;
    private final String label;

    Platform(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Its name for people: "GitLab CI". */
    public String label() {
        return label;
    }

    /** The name used on the command line ({@code --platform}) and in reports. */
    public String id() {
        return id;
    }
}
