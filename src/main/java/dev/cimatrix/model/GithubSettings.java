package dev.cimatrix.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GitHub repository's settings as a file states them: the Settings app's {@code .github/settings.yml}, or a
 * snapshot of the live settings written by {@code cimatrix settings}. Both use the field names of GitHub's REST API.
 * The file states only what it manages: a branch it does not list may still be protected on GitHub, so a setting
 * the file leaves out is unknown, not absent.
 *
 * @param location      the whole document
 * @param organization  the {@code organization} mapping of an organisation's snapshot; null for a repository's
 * @param defaultBranch {@code repository.default_branch}; null when the file does not say
 * @param visibility    {@code repository.visibility} ({@code public}, {@code private}, {@code internal}), or as
 *                      {@code repository.private} says; null when the file does not say
 * @param branches      the {@code branches} entries: branch protection by branch name or pattern
 * @param rulesets      the {@code rulesets} entries that target branches
 * @param environments  the {@code environments} entries: deployment environments and their protection rules
 * @param hooks         the {@code hooks} of a snapshot: the repository's or organisation's webhooks
 * @param actions       the {@code actions} mapping of a snapshot (GitHub Actions settings); null when absent
 * @param security      {@code repository.security_and_analysis}: secret scanning and push protection; null when the
 *                      file does not say
 * @param runnerGroups  the {@code runner_groups} of an organisation's snapshot: its self-hosted runner groups
 * @param secrets       the {@code secrets} of a snapshot: the organisation's or repository's Actions secrets, names,
 *                      access and dates only
 * @param secretsRead   whether the file lists its {@code secrets} (as a snapshot does): then a name it does not list
 *                      is no secret of the repository (or organisation)
 * @param organizationSecrets {@code organization_secrets} of a repository's snapshot: the names of the organisation's
 *                      secrets the repository gets; null when not read
 * @param readAt        {@code read_at}, when a snapshot was read (an ISO-8601 instant); null when the file does not say
 * @param unknown       what a snapshot could not read ({@code branches}, {@code rulesets}, {@code actions}), with why:
 *                      its absence from the file then says nothing
 */
public record GithubSettings(String path, Location location, Organization organization, Scalar defaultBranch,
                             Scalar visibility,
                             List<BranchProtection> branches,
                             List<Ruleset> rulesets, List<Environment> environments, List<Webhook> hooks,
                             ActionsSettings actions, SecurityAnalysis security, List<RunnerGroup> runnerGroups,
                             List<Secret> secrets, boolean secretsRead, List<String> organizationSecrets,
                             Scalar readAt, Map<String, String> unknown) {
    public GithubSettings {
        branches = List.copyOf(branches);
        rulesets = List.copyOf(rulesets);
        environments = List.copyOf(environments);
        hooks = List.copyOf(hooks);
        runnerGroups = List.copyOf(runnerGroups);
        secrets = List.copyOf(secrets);
        organizationSecrets = organizationSecrets == null ? null : List.copyOf(organizationSecrets);
        unknown = Map.copyOf(unknown);
    }

    /** Whether the snapshot could not read a part of the settings ({@code branches}, {@code rulesets}, {@code actions}). */
    public boolean unread(String part) {
        return unknown.containsKey(part);
    }

    /**
     * One entry of {@code branches}.
     *
     * @param name             the branch name or fnmatch pattern
     * @param protection       the {@code protection} key, whose value is null when the file turns protection off
     * @param reviews          {@code required_pull_request_reviews}; null when no review is required
     * @param enforceAdmins    {@code enforce_admins} ({@code true}, or {@code enabled: true} as the API answers)
     * @param allowForcePushes {@code allow_force_pushes}
     * @param allowDeletions   {@code allow_deletions}
     */
    public record BranchProtection(Scalar name, Location location, Location protection, boolean isProtected,
                                   Reviews reviews, SettingFlag enforceAdmins, SettingFlag allowForcePushes, SettingFlag allowDeletions) {
    }

    /**
     * Required pull request reviews, of classic protection or of a ruleset's {@code pull_request} rule.
     *
     * @param approvals    the required number of approvals, or -1 when not stated
     * @param dismissStale whether a new push dismisses earlier approvals
     * @param lastPush     whether the most recent push must be approved by someone other than its pusher
     * @param codeOwners   whether code owners must approve
     */
    public record Reviews(Location location, int approvals, SettingFlag dismissStale, SettingFlag lastPush, SettingFlag codeOwners) {
    }

    /**
     * A ruleset that targets branches.
     *
     * @param enforcement {@code active}, {@code evaluate} or {@code disabled}; only active rules are enforced
     * @param include     {@code conditions.ref_name.include}: {@code ~DEFAULT_BRANCH}, {@code ~ALL} or
     *                    {@code refs/heads/} patterns
     * @param exclude     {@code conditions.ref_name.exclude}
     */
    public record Ruleset(Scalar name, Location location, String enforcement, List<String> include,
                          List<String> exclude, List<RulesetRule> rules, List<BypassActor> bypassActors) {
        public Ruleset {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
            rules = List.copyOf(rules);
            bypassActors = List.copyOf(bypassActors);
        }

        public boolean active() {
            return "active".equals(enforcement);
        }

        public Optional<RulesetRule> rule(String type) {
            return rules.stream().filter(r -> r.type().equals(type)).findFirst();
        }
    }

    /** One rule of a ruleset: its {@code type} and, for a {@code pull_request} rule, its review parameters. */
    public record RulesetRule(String type, Location location, Reviews reviews) {
    }

    /**
     * Who may bypass a ruleset.
     *
     * @param actorType {@code OrganizationAdmin}, {@code RepositoryRole}, {@code Team}, {@code Integration} or
     *                  {@code DeployKey}
     * @param mode      {@code always}, or {@code pull_request} (only by merging a pull request)
     */
    public record BypassActor(String actorType, String actorId, String mode, Location location) {
    }

    /**
     * GitHub Actions settings of a snapshot, each null when not read.
     *
     * @param defaultWorkflowPermissions    {@code read} or {@code write}: the {@code GITHUB_TOKEN} of a workflow
     *                                      without a {@code permissions} block
     * @param canApprovePullRequestReviews  whether workflows may approve pull requests with {@code GITHUB_TOKEN}
     * @param allowedActions                {@code all}, {@code local_only} or {@code selected}
     * @param patternsAllowed               with {@code selected}, the {@code owner/repo@ref} patterns allowed beyond
     *                                      GitHub's and verified creators' actions
     * @param shaPinningRequired            whether actions must be pinned to a full commit SHA
     * @param forkPrApproval                which outside contributors' pull request runs wait for approval:
     *                                      {@code first_time_contributors_new_to_github}, {@code first_time_contributors}
     *                                      or {@code all_external_contributors}
     */
    public record ActionsSettings(Location location, Scalar defaultWorkflowPermissions,
                                  SettingFlag canApprovePullRequestReviews, Scalar allowedActions, List<String> patternsAllowed,
                                  SettingFlag shaPinningRequired, Scalar forkPrApproval) {
        public ActionsSettings {
            patternsAllowed = List.copyOf(patternsAllowed);
        }
    }

    /**
     * A webhook, as {@code GET /repos/{owner}/{repo}/hooks} answers it (its URL's credentials masked by the snapshot).
     *
     * @param url         {@code config.url}
     * @param active      whether GitHub delivers to it
     * @param signed      whether it has a {@code config.secret}, so that deliveries carry a signature
     * @param insecureSsl whether {@code config.insecure_ssl} turns certificate checks off
     */
    public record Webhook(Scalar url, Location location, boolean active, boolean signed, boolean insecureSsl,
                          List<String> events) {
        public Webhook {
            events = List.copyOf(events);
        }
    }

    /**
     * An organisation's own settings, as {@code GET /orgs/{org}} answers them to an owner.
     *
     * @param twoFactorRequired           {@code two_factor_requirement_enabled}: members must use two-factor sign-in
     * @param defaultRepositoryPermission {@code default_repository_permission}: {@code none}, {@code read},
     *                                    {@code write} or {@code admin} on every repository, for every member
     * @param membersCreatePublicRepositories {@code members_can_create_public_repositories}
     */
    public record Organization(Scalar login, Location location, SettingFlag twoFactorRequired,
                               Scalar defaultRepositoryPermission, SettingFlag membersCreatePublicRepositories) {
    }

    /**
     * A deployment environment, as the Settings app writes it ({@code reviewers}, {@code deployment_branch_policy})
     * or as the API answers it ({@code protection_rules} of type {@code required_reviewers}).
     *
     * @param reviewers         how many users and teams must approve a deployment; 0 for none
     * @param preventSelfReview whether the one who started a run may not approve it
     * @param branchPolicy      {@code deployment_branch_policy}: null when any branch may deploy
     * @param canAdminsBypass   whether administrators may deploy past the rules (the API's default is yes)
     * @param secrets           the names of its own secrets, which only its jobs get; null when not read
     */
    public record Environment(Scalar name, Location location, int reviewers, SettingFlag preventSelfReview,
                              Location branchPolicy, SettingFlag canAdminsBypass, List<String> secrets) {
        public Environment {
            secrets = secrets == null ? null : List.copyOf(secrets);
        }
    }

    /**
     * A repository's {@code security_and_analysis}, as the API answers it to administrators and takes it in an update.
     *
     * @param secretScanning {@code secret_scanning.status}: {@code enabled} or {@code disabled}; null when not stated
     * @param pushProtection {@code secret_scanning_push_protection.status}; null when not stated
     */
    public record SecurityAnalysis(Location location, Scalar secretScanning, Scalar pushProtection) {
    }

    /**
     * A self-hosted runner group of an organisation, as {@code GET /orgs/{org}/actions/runner-groups} answers it.
     *
     * @param visibility               {@code all} (every repository of the organisation), {@code selected} or
     *                                 {@code private}; null when not stated
     * @param allowsPublicRepositories {@code allows_public_repositories}
     * @param restrictedToWorkflows    {@code restricted_to_workflows}: only the selected workflows may use it
     * @param runners                  {@code runners}, how many runners it holds; -1 when not stated
     */
    public record RunnerGroup(Scalar name, Location location, Scalar visibility, SettingFlag allowsPublicRepositories,
                              SettingFlag restrictedToWorkflows, int runners) {
        /** Whether the group holds runners, or may: a group known to hold none runs nothing. */
        public boolean mayHoldRunners() {
            return runners != 0;
        }
    }

    /**
     * An organisation's Actions secret, as {@code GET /orgs/{org}/actions/secrets} lists it (never its value).
     *
     * @param visibility {@code all} (every repository, public ones included), {@code private} (private and internal
     *                   repositories) or {@code selected}; null when not stated (a repository's secrets)
     * @param updatedAt  {@code updated_at}, when its value was last set; null when not stated
     */
    public record Secret(Scalar name, Location location, Scalar visibility, Scalar updatedAt) {
    }

}
