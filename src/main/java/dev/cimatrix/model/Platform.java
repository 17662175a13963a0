package dev.cimatrix.model;

/** A CI/CD platform, or an infrastructure-as-code language, whose definitions cimatrix reads. */
public enum Platform {
    GITHUB_ACTIONS("github-actions"),
    GITLAB_CI("gitlab-ci"),
    AZURE_PIPELINES("azure-pipelines"),
    JENKINS("jenkins"),
    CIRCLECI("circleci"),
    BITBUCKET("bitbucket"),
    TERRAFORM("terraform");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    /** The name used on the command line ({@code --platform}) and in reports. */
    public String id() {
        return id;
    }
}
