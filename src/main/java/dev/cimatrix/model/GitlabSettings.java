package dev.cimatrix.model;

import java.util.List;
import java.util.Map;

/**
 * A GitLab project's settings, as a snapshot written by {@code cimatrix settings --gitlab} states them, in the field
 * names of GitLab's REST API. A part the snapshot could not read is listed in {@code unknown} with why, and says
 * nothing.
 *
 * @param location              the whole document
 * @param project               {@code gitlab_project.path_with_namespace}; null when not stated
 * @param defaultBranch         {@code gitlab_project.default_branch}; null when not stated
 * @param protectedBranches     {@code protected_branches}; null when the snapshot does not hold them
 * @param approvals             {@code approvals} (the project's merge request approval settings); null when absent
 * @param approvalRules         {@code approval_rules}; null when the snapshot does not hold them
 * @param variablesOverrideRole {@code gitlab_project.ci_pipeline_variables_minimum_override_role}; null when absent
 * @param restrictVariables     {@code gitlab_project.restrict_user_defined_variables}, the older form of the same
 * @param jobTokenInbound       {@code job_token_scope.inbound_enabled}; null when absent
 * @param visibility            {@code gitlab_project.visibility}: {@code public}, {@code internal}, {@code private};
 *                              null when absent
 * @param publicJobs            {@code gitlab_project.public_jobs}: whether job logs and artifacts are open to everyone
 *                              who can see the project
 * @param variables             {@code variables}, the project's CI/CD variables without their values; null when the
 *                              snapshot does not hold them
 */
public record GitlabSettings(String path, Location location, Scalar project, Scalar defaultBranch,
                             List<ProtectedBranch> protectedBranches, Approvals approvals,
                             List<ApprovalRule> approvalRules, Scalar variablesOverrideRole,
                             SettingFlag restrictVariables, SettingFlag jobTokenInbound, Scalar visibility,
                             SettingFlag publicJobs, List<Variable> variables, Map<String, String> unknown) {
    /** GitLab's access level of the Developer role; Maintainer is 40, "No one" 0. */
    public static final int DEVELOPER = 30;

    public GitlabSettings {
        protectedBranches = protectedBranches == null ? null : List.copyOf(protectedBranches);
        approvalRules = approvalRules == null ? null : List.copyOf(approvalRules);
        variables = variables == null ? null : List.copyOf(variables);
        unknown = Map.copyOf(unknown);
    }

    /**
     * A protected branch (or wildcard, such as {@code release/*}).
     *
     * @param pushLevels       the access levels of {@code push_access_levels} (30 Developer, 40 Maintainer, 0 no one)
     * @param pushLocation     the {@code push_access_levels} key, or the entry
     * @param allowForcePush   {@code allow_force_push}
     */
    public record ProtectedBranch(Scalar name, Location location, List<Integer> pushLevels, Location pushLocation,
                                  SettingFlag allowForcePush) {
        public ProtectedBranch {
            pushLevels = List.copyOf(pushLevels);
        }
    }

    /**
     * The project's merge request approval settings.
     *
     * @param approvalsBeforeMerge {@code approvals_before_merge}, or -1 when not stated
     * @param authorApproval       {@code merge_requests_author_approval}: authors may approve their own merge requests
     * @param committersDisabled   {@code merge_requests_disable_committers_approval}
     * @param resetOnPush          {@code reset_approvals_on_push}
     */
    public record Approvals(Location location, int approvalsBeforeMerge, SettingFlag authorApproval,
                            SettingFlag committersDisabled, SettingFlag resetOnPush) {
    }

    /**
     * An approval rule.
     *
     * @param approvalsRequired   {@code approvals_required}
     * @param allProtected        {@code applies_to_all_protected_branches}
     * @param branches            the names of its {@code protected_branches}; empty for every branch
     */
    public record ApprovalRule(Scalar name, Location location, int approvalsRequired, boolean allProtected,
                               List<String> branches) {
        public ApprovalRule {
            branches = List.copyOf(branches);
        }
    }

    /**
     * A CI/CD variable of the project, as {@code GET /projects/:id/variables} lists it; the snapshot never holds values.
     *
     * @param isProtected      {@code protected}: only pipelines of protected branches and tags get it
     * @param masked           {@code masked}: job logs show it as {@code [MASKED]}
     * @param hidden           {@code hidden}: masked, and not shown again in the settings
     * @param environmentScope {@code environment_scope}: {@code *} for every job, or the environments whose jobs get it
     * @param file             whether it is a {@code file} variable (its value written to a file, the path in the
     *                         variable), which holds multi-line secrets GitLab cannot mask
     */
    public record Variable(Scalar key, Location location, SettingFlag isProtected, SettingFlag masked,
                           SettingFlag hidden, Scalar environmentScope, boolean file) {
        /** Whether job logs hide the value: masked, or hidden (which masks). */
        public boolean maskedInLogs() {
            return masked != null && masked.value() || hidden != null && hidden.value();
        }

        /** The environments whose jobs get it, as a message says: "every job", "jobs of environment 'production'". */
        public String scope() {
            String scope = environmentScope == null ? "*" : environmentScope.value().strip();
            return scope.isEmpty() || scope.equals("*") ? "every job" : "jobs of environment '" + scope + "'";
        }
    }
}
