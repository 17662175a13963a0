package dev.cimatrix.analyze.github;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.Optional;

/**
 * What the repository's default {@code GITHUB_TOKEN} may do, for the jobs that write no {@code permissions}, when a
 * settings file of the scan says ({@code actions.default_workflow_permissions}). The file that governs a workflow is
 * the scan's only one that says, or else the one whose repository folder holds the workflow.
 *
 * @param writes   whether the default token can write to every scope; otherwise it reads only
 * @param location the setting
 */
public record DefaultToken(boolean writes, Location location) {
    public static Optional<DefaultToken> of(Inventory inventory, String path) {
        return GoverningSettings.of(inventory, path, DefaultToken::states).map(s -> {
            Scalar value = s.actions().defaultWorkflowPermissions();
            return new DefaultToken(value.value().strip().equals("write"), value.location());
        });
    }

    /**
     * Whether a repository's settings file states the default token's permissions. An organisation's default is what
     * new repositories start with, not what a repository has, so its snapshot governs no workflow.
     */
    public static boolean states(GithubSettings settings) {
        return settings.organization() == null && settings.actions() != null
                && settings.actions().defaultWorkflowPermissions() != null;
    }

    /** The setting as a message quotes it. */
    public String setting() {
        return "default_workflow_permissions: " + (writes ? "write" : "read");
    }
}
