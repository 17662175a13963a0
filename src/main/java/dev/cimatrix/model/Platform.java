package dev.cimatrix.model;

/**
 * A CI/CD platform, an infrastructure-as-code language, a repository's automation configuration (Dependabot,
 * pre-commit) or its settings, whose definitions cimatrix reads; and the CI platforms whose definitions it finds but does not read.
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
    PRE_COMMIT("pre-commit", "pre-commit"),
    GITHUB_SETTINGS("github-settings", "GitHub repository settings"),
    GITLAB_SETTINGS("gitlab-settings", "GitLab project settings"),
    // CI platforms whose definitions are found by their conventional names and said not to be read.
    TRAVIS_CI("travis-ci", "Travis CI"),
    DRONE("drone", "Drone"),
    WOODPECKER("woodpecker", "Woodpecker CI"),
    BUILDKITE("buildkite", "Buildkite"),
    AWS_CODEBUILD("aws-codebuild", "AWS CodeBuild"),
    GOOGLE_CLOUD_BUILD("google-cloud-build", "Google Cloud Build");

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
