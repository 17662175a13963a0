package dev.cimatrix.analyze.checks;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.expr.TaintTable;
import dev.cimatrix.analyze.expr.TriggerModel;
import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.analyze.checks.github.AdhocPackagesCheck;
import dev.cimatrix.analyze.checks.github.AiPromptInjectionCheck;
import dev.cimatrix.analyze.checks.github.ArchivedUsesCheck;
import dev.cimatrix.analyze.checks.github.ArtifactPoisoningCheck;
import dev.cimatrix.analyze.checks.github.ArtipackedCheck;
import dev.cimatrix.analyze.checks.github.BotConditionsCheck;
import dev.cimatrix.analyze.checks.github.CachePoisoningCheck;
import dev.cimatrix.analyze.checks.github.DangerousTriggersCheck;
import dev.cimatrix.analyze.checks.github.DebugEnabledCheck;
import dev.cimatrix.analyze.checks.github.DebugSessionCheck;
import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.analyze.checks.github.DependabotExecutionCheck;
import dev.cimatrix.analyze.checks.github.DependabotGithubActionsCheck;
import dev.cimatrix.analyze.checks.github.ExcessivePermissionsCheck;
import dev.cimatrix.analyze.checks.github.ForbiddenUsesCheck;
import dev.cimatrix.analyze.checks.github.GithubAppCheck;
import dev.cimatrix.analyze.checks.github.GithubEnvCheck;
import dev.cimatrix.analyze.checks.github.HardcodedCredentialsCheck;
import dev.cimatrix.analyze.checks.github.IacPlanCredentialsCheck;
import dev.cimatrix.analyze.checks.github.InsecureCommandsCheck;
import dev.cimatrix.analyze.checks.github.KnownCompromisedCheck;
import dev.cimatrix.analyze.checks.github.ObfuscatedUsesCheck;
import dev.cimatrix.analyze.checks.github.OidcUntrustedCheck;
import dev.cimatrix.analyze.checks.github.OverprovisionedSecretsCheck;
import dev.cimatrix.analyze.checks.github.RemoteScriptCheck;
import dev.cimatrix.analyze.checks.github.SecretsInArtifactCheck;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.analyze.checks.github.SecretsInheritCheck;
import dev.cimatrix.analyze.checks.github.SecretsOutsideEnvironmentCheck;
import dev.cimatrix.analyze.checks.github.SelfHostedRunnerCheck;
import dev.cimatrix.analyze.checks.github.StoredPublishTokenCheck;
import dev.cimatrix.analyze.checks.github.TaintedUsesCheck;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.analyze.checks.github.TyposquatUsesCheck;
import dev.cimatrix.analyze.checks.github.UndefinedReferenceCheck;
import dev.cimatrix.analyze.checks.github.UnknownEventFieldCheck;
import dev.cimatrix.analyze.checks.github.UnpinnableActionCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedImagesCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedToolsCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedUsesCheck;
import dev.cimatrix.analyze.checks.github.UnredactedSecretsCheck;
import dev.cimatrix.analyze.checks.github.UnsoundConditionCheck;
import dev.cimatrix.analyze.checks.github.UnsoundContainsCheck;
import dev.cimatrix.analyze.checks.github.UntrustedCheckoutCheck;
import dev.cimatrix.analyze.checks.github.UntrustedSnapshotCheck;
import dev.cimatrix.analyze.checks.github.UnverifiedCreatorCheck;
import dev.cimatrix.analyze.checks.gitlab.DebugTraceCheck;
import dev.cimatrix.analyze.checks.gitlab.InputInjectionCheck;
import dev.cimatrix.analyze.checks.gitlab.UnpinnedIncludeCheck;
import dev.cimatrix.analyze.checks.precommit.PreCommitInsecureUrlCheck;
import dev.cimatrix.analyze.checks.precommit.PreCommitUnpinnedRevCheck;
import dev.cimatrix.analyze.checks.settings.ActionsPolicyCheck;
import dev.cimatrix.analyze.checks.settings.BranchBypassCheck;
import dev.cimatrix.analyze.checks.settings.BranchForcePushCheck;
import dev.cimatrix.analyze.checks.settings.BranchReviewCheck;
import dev.cimatrix.analyze.checks.settings.DefaultTokenWriteCheck;
import dev.cimatrix.analyze.checks.settings.EnvironmentUnprotectedCheck;
import dev.cimatrix.analyze.checks.settings.ForkPullRequestApprovalCheck;
import dev.cimatrix.analyze.checks.settings.GitlabBranchForcePushCheck;
import dev.cimatrix.analyze.checks.settings.GitlabBranchProtectionCheck;
import dev.cimatrix.analyze.checks.settings.GitlabJobTokenScopeCheck;
import dev.cimatrix.analyze.checks.settings.GitlabVariableUnmaskedCheck;
import dev.cimatrix.analyze.checks.settings.GitlabVariableUnprotectedCheck;
import dev.cimatrix.analyze.checks.settings.GitlabMergeApprovalCheck;
import dev.cimatrix.analyze.checks.settings.GitlabPipelineVariablesCheck;
import dev.cimatrix.analyze.checks.settings.OrgBasePermissionCheck;
import dev.cimatrix.analyze.checks.settings.OrgPublicRepositoriesCheck;
import dev.cimatrix.analyze.checks.settings.OrgSecretAllReposCheck;
import dev.cimatrix.analyze.checks.settings.OrgTwoFactorCheck;
import dev.cimatrix.analyze.checks.settings.RunnerGroupPublicCheck;
import dev.cimatrix.analyze.checks.settings.RunnerGroupSharedCheck;
import dev.cimatrix.analyze.checks.settings.SecretScanningCheck;
import dev.cimatrix.analyze.checks.settings.SecretStaleCheck;
import dev.cimatrix.analyze.checks.settings.StaleApprovalCheck;
import dev.cimatrix.analyze.checks.settings.TokenApprovesPullRequestsCheck;
import dev.cimatrix.analyze.checks.settings.WebhookCheck;
import dev.cimatrix.analyze.checks.terraform.OidcBroadTrustCheck;
import dev.cimatrix.analyze.checks.terraform.PullRequestRoleWritesCheck;

import java.util.List;

/**
 * Every check cimatrix has. A check is added here, in {@code catalog/checks.yaml}, under
 * {@code src/test/resources/checks/<id>/} and in {@code docs/checks/<id>.md}; {@code CheckMetaTest} fails
 * until all four are there.
 */
public final class CheckRegistry {
    private CheckRegistry() {
    }

    /**
     * Sets up every check once and loads the data lists and tables the checks read (archived and compromised
     * actions, cache-aware actions, code sinks, the taint table, the trigger model), so that a command can
     * have this done on a spare core while it starts. The checks made here are dropped; the data stays loaded.
     */
    public static void preload() {
        all(ScanConfig.defaults());
        TaintTable.github();
        TriggerModel.github();
        initialise(CodeSinks.class);
        initialise(RepoExecutors.class);
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checks, configured with the user's options, in id order. */
    public static List<Check> all(ScanConfig config) {
        return List.<Check>of(
                new AdhocPackagesCheck(),
                new AiPromptInjectionCheck(),
                new ArchivedUsesCheck(),
                new ArtifactPoisoningCheck(),
                new ArtipackedCheck(),
                new BotConditionsCheck(),
                new CachePoisoningCheck(),
                new DangerousTriggersCheck(),
                new DebugEnabledCheck(),
                new DebugSessionCheck(),
                new DependabotCooldownCheck(),
                new DependabotExecutionCheck(),
                new DependabotGithubActionsCheck(),
                new ExcessivePermissionsCheck(),
                new ForbiddenUsesCheck(config),
                new GithubAppCheck(),
                new GithubEnvCheck(),
                new HardcodedCredentialsCheck(),
                new IacPlanCredentialsCheck(),
                new InsecureCommandsCheck(),
                new KnownCompromisedCheck(),
                new ObfuscatedUsesCheck(),
                new OidcUntrustedCheck(),
                new OverprovisionedSecretsCheck(),
                new RemoteScriptCheck(),
                new SecretsInArtifactCheck(),
                new SecretsInUntrustedJobCheck(),
                new SecretsInheritCheck(),
                new SecretsOutsideEnvironmentCheck(config),
                new SelfHostedRunnerCheck(),
                new StoredPublishTokenCheck(),
                new TaintedUsesCheck(),
                new TemplateInjectionCheck(),
                new TyposquatUsesCheck(),
                new UndefinedReferenceCheck(),
                new UnknownEventFieldCheck(),
                new UnpinnableActionCheck(),
                new UnpinnedImagesCheck(),
                new UnpinnedToolsCheck(),
                new UnpinnedUsesCheck(config),
                new UnredactedSecretsCheck(),
                new UnsoundConditionCheck(),
                new UnsoundContainsCheck(),
                new UntrustedCheckoutCheck(),
                new UntrustedSnapshotCheck(),
                new UnverifiedCreatorCheck(config),
                new dev.cimatrix.analyze.checks.github.EvaluatedEnvCheck(),
                new DebugTraceCheck(),
                new dev.cimatrix.analyze.checks.gitlab.HardcodedCredentialsCheck(),
                new InputInjectionCheck(),
                new UnpinnedIncludeCheck(),
                new dev.cimatrix.analyze.checks.gitlab.RemoteScriptCheck(),
                new dev.cimatrix.analyze.checks.gitlab.UnpinnedImagesCheck(),
                new dev.cimatrix.analyze.checks.gitlab.VariableInjectionCheck(),
                new dev.cimatrix.analyze.checks.bitbucket.HardcodedCredentialsCheck(),
                new dev.cimatrix.analyze.checks.bitbucket.RemoteScriptCheck(),
                new dev.cimatrix.analyze.checks.bitbucket.UnpinnedImagesCheck(),
                new dev.cimatrix.analyze.checks.bitbucket.UnpinnedPipesCheck(),
                new dev.cimatrix.analyze.checks.circleci.HardcodedCredentialsCheck(),
                new dev.cimatrix.analyze.checks.circleci.RemoteScriptCheck(),
                new dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck(),
                new dev.cimatrix.analyze.checks.circleci.UnpinnedImagesCheck(),
                new dev.cimatrix.analyze.checks.circleci.UnpinnedOrbsCheck(),
                new dev.cimatrix.analyze.checks.azure.HardcodedCredentialsCheck(),
                new dev.cimatrix.analyze.checks.azure.PersistedCredentialsCheck(),
                new dev.cimatrix.analyze.checks.azure.PullRequestCodeCheck(),
                new dev.cimatrix.analyze.checks.azure.RemoteScriptCheck(),
                new dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck(),
                new dev.cimatrix.analyze.checks.azure.SystemDebugCheck(),
                new dev.cimatrix.analyze.checks.azure.UnpinnedImagesCheck(),
                new dev.cimatrix.analyze.checks.azure.UnpinnedRepositoryCheck(),
                new dev.cimatrix.analyze.checks.jenkins.BuiltInNodeCheck(),
                new dev.cimatrix.analyze.checks.jenkins.HardcodedCredentialsCheck(),
                new dev.cimatrix.analyze.checks.jenkins.RemoteScriptCheck(),
                new dev.cimatrix.analyze.checks.jenkins.ScriptInjectionCheck(),
                new dev.cimatrix.analyze.checks.jenkins.SecretInterpolationCheck(),
                new dev.cimatrix.analyze.checks.jenkins.UnpinnedImagesCheck(),
                new dev.cimatrix.analyze.checks.jenkins.UnpinnedLibraryCheck(),
                new PreCommitInsecureUrlCheck(),
                new PreCommitUnpinnedRevCheck(),
                new BranchReviewCheck(),
                new BranchForcePushCheck(),
                new StaleApprovalCheck(),
                new BranchBypassCheck(),
                new DefaultTokenWriteCheck(),
                new TokenApprovesPullRequestsCheck(),
                new ActionsPolicyCheck(),
                new ForkPullRequestApprovalCheck(),
                new EnvironmentUnprotectedCheck(),
                new OrgTwoFactorCheck(),
                new OrgBasePermissionCheck(),
                new OrgPublicRepositoriesCheck(),
                new WebhookCheck(),
                new RunnerGroupPublicCheck(),
                new RunnerGroupSharedCheck(),
                new OrgSecretAllReposCheck(),
                new SecretScanningCheck(),
                new SecretStaleCheck(),
                new GitlabBranchProtectionCheck(),
                new GitlabBranchForcePushCheck(),
                new GitlabMergeApprovalCheck(),
                new GitlabPipelineVariablesCheck(),
                new GitlabJobTokenScopeCheck(),
                new GitlabVariableUnprotectedCheck(),
                new GitlabVariableUnmaskedCheck(),
                new OidcBroadTrustCheck(),
                new PullRequestRoleWritesCheck()
        ).stream().sorted(java.util.Comparator.comparing(Check::id)).toList();
    }
}
