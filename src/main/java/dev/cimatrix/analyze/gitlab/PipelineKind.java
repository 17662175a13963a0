package dev.cimatrix.analyze.gitlab;

import java.util.EnumSet;
import java.util.Set;

/**
 * The pipelines a GitLab job may run in, told apart by what decides their risk: whose code and which variables they
 * get. A merge request pipeline runs the source branch's code (in the fork's project, for a fork's merge request,
 * unless a member runs it in the parent); a pipeline of another branch runs whatever a Developer pushed; the default
 * branch and tags are where protected variables go.
 */
public enum PipelineKind {
    MERGE_REQUEST("merge request pipelines"),
    DEFAULT_BRANCH("default branch pipelines"),
    OTHER_BRANCH("other branches' pipelines"),
    TAG("tag pipelines");

    /** The kinds of a pipeline of a protected ref, which get the protected variables. */
    public static final Set<PipelineKind> PROTECTED = Set.of(DEFAULT_BRANCH, TAG);

    private final String label;

    PipelineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * What a predefined variable is in a pipeline of this kind, as far as it can be known before one runs; null for
     * a variable this kind says nothing of.
     *
     * @param defaultBranch the default branch's name, when a settings snapshot says it; null otherwise
     */
    RuleValue predefined(String name, String defaultBranch) {
        if (name.startsWith("CI_MERGE_REQUEST_")) {
            return this == MERGE_REQUEST ? RuleValue.SET : RuleValue.UNSET;
        }
        if (name.startsWith("CI_EXTERNAL_PULL_REQUEST_")) {
            return RuleValue.UNSET;
        }
        return switch (name) {
            case "CI_PIPELINE_SOURCE" -> this == MERGE_REQUEST ? RuleValue.known("merge_request_event")
                    : RuleValue.notAny(Set.of("merge_request_event", "external_pull_request_event", "parent_pipeline"));
            case "CI_COMMIT_BRANCH" -> branch(defaultBranch);
            case "CI_COMMIT_REF_NAME" -> this == TAG || this == MERGE_REQUEST ? RuleValue.SET : branch(defaultBranch);
            case "CI_DEFAULT_BRANCH" -> RuleValue.defaultBranch(defaultBranch);
            case "CI_COMMIT_TAG" -> this == TAG ? RuleValue.SET : RuleValue.UNSET;
            case "CI_COMMIT_REF_PROTECTED" -> switch (this) {
                case DEFAULT_BRANCH -> RuleValue.known("true");
                case OTHER_BRANCH -> RuleValue.known("false");
                default -> null;
            };
            default -> null;
        };
    }

    /**
     * The kinds of pipeline where someone other than the project writes a predefined variable: a merge request's
     * fields only in merge request pipelines, a branch's name only on branches other than the default (whose name is
     * the project's), a ref's name wherever it is not the default branch, a tag's only in tag pipelines; every kind for
     * the others (a commit's message is its author's everywhere).
     */
    public static Set<PipelineKind> writtenByOthersIn(String predefined) {
        if (predefined.startsWith("CI_MERGE_REQUEST_")) {
            return EnumSet.of(MERGE_REQUEST);
        }
        return switch (predefined) {
            case "CI_COMMIT_BRANCH" -> EnumSet.of(OTHER_BRANCH);
            case "CI_COMMIT_REF_NAME" -> EnumSet.of(MERGE_REQUEST, OTHER_BRANCH, TAG);
            case "CI_COMMIT_TAG", "CI_COMMIT_TAG_MESSAGE" -> EnumSet.of(TAG);
            default -> EnumSet.allOf(PipelineKind.class);
        };
    }

    /** {@code CI_COMMIT_BRANCH}: unset in merge request and tag pipelines. */
    private RuleValue branch(String defaultBranch) {
        return switch (this) {
            case DEFAULT_BRANCH -> RuleValue.defaultBranch(defaultBranch);
            case OTHER_BRANCH -> RuleValue.otherBranch(defaultBranch);
            default -> RuleValue.UNSET;
        };
    }
}
