package dev.cimatrix.analyze;

/**
 * One weakness, one class, one id. A check overrides only the hooks it needs and sees the model through
 * them; it never parses, reads files or calls the network. Its severity, confidence, cells and remediation
 * live in the catalog ({@code checks.yaml}) under the same id.
 */
public interface Check {
    /** The stable id, such as {@code gha-untrusted-checkout}. */
    String id();

    /**
     * Whether the check has anything to look for under the user's configuration: a policy check given no policy has
     * not, and its silence then verifies nothing.
     */
    default boolean active() {
        return true;
    }

    /**
     * Whether the check's silence is evidence only in a scan where it met something of its kind
     * ({@link FindingSink#met()}): a check of infrastructure plans verifies nothing in repositories without any.
     */
    default boolean verifiesOnlyWhatItMeets() {
        return false;
    }

    /** Called once per workflow file. */
    default void workflow(WorkflowContext context, FindingSink findings) {
    }

    /** Called once per job of a workflow. */
    default void job(JobContext context, FindingSink findings) {
    }

    /** Called once per step, of workflow jobs and of composite actions. */
    default void step(StepContext context, FindingSink findings) {
    }

    /**
     * Called once per {@code uses:} of a step or job that names something to run (an action, a reusable
     * workflow or an image), for checks that judge only the reference.
     */
    default void uses(UsesContext context, FindingSink findings) {
    }

    /** Called once per action metadata file. */
    default void action(ActionContext context, FindingSink findings) {
    }

    /** Called once per cloud role read from infrastructure code. */
    default void cloudRole(CloudRoleContext context, FindingSink findings) {
    }

    /** Called once per Dependabot configuration file. */
    default void dependabot(DependabotContext context, FindingSink findings) {
    }

    /** Called once per pre-commit configuration file. */
    default void preCommit(PreCommitContext context, FindingSink findings) {
    }

    /** Called once per GitLab CI configuration file. */
    default void gitlab(GitlabContext context, FindingSink findings) {
    }

    /** Called once per Azure Pipelines file, pipeline or template. */
    default void azure(AzureContext context, FindingSink findings) {
    }

    /** Called once per CircleCI configuration file. */
    default void circleci(CircleciContext context, FindingSink findings) {
    }

    /** Called once per Bitbucket Pipelines configuration file. */
    default void bitbucket(BitbucketContext context, FindingSink findings) {
    }

    /** Called once per Jenkins pipeline script. */
    default void jenkins(JenkinsContext context, FindingSink findings) {
    }

    /** Called once per GitHub repository settings file. */
    default void githubSettings(GithubSettingsContext context, FindingSink findings) {
    }

    /** Called once per GitLab project settings snapshot. */
    default void gitlabSettings(GitlabSettingsContext context, FindingSink findings) {
    }
}
