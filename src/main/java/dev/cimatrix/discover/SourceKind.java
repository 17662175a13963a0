package dev.cimatrix.discover;

import dev.cimatrix.model.Platform;

/** The kinds of definition file cimatrix reads, with their platform. */
public enum SourceKind {
    GITHUB_WORKFLOW(Platform.GITHUB_ACTIONS, "workflow"),
    GITHUB_ACTION(Platform.GITHUB_ACTIONS, "action"),
    TERRAFORM(Platform.TERRAFORM, "terraform"),
    DEPENDABOT(Platform.DEPENDABOT, "dependabot"),
    PRE_COMMIT(Platform.PRE_COMMIT, "pre-commit"),
    GITHUB_SETTINGS(Platform.GITHUB_SETTINGS, "settings"),
    GITLAB_SETTINGS(Platform.GITLAB_SETTINGS, "settings"),
    GITLAB_CI(Platform.GITLAB_CI, "pipeline"),
    AZURE_PIPELINES(Platform.AZURE_PIPELINES, "pipeline"),
    CIRCLECI(Platform.CIRCLECI, "configuration"),
    BITBUCKET(Platform.BITBUCKET, "configuration"),
    JENKINS(Platform.JENKINS, "pipeline");

    private final Platform platform;
    private final String label;

    SourceKind(Platform platform, String label) {
        this.platform = platform;
        this.label = label;
    }

    public Platform platform() {
        return platform;
    }

    public String label() {
        return label;
    }
}
