package dev.cimatrix.analyze.github;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.Comparator;
import java.util.List;
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
    private static final String SETTINGS_FOLDER = ".github/";

    public static Optional<DefaultToken> of(Inventory inventory, String path) {
        List<GithubSettings> saying = inventory.githubSettings().stream()
                .filter(s -> s.actions() != null && s.actions().defaultWorkflowPermissions() != null).toList();
        Optional<GithubSettings> governing = saying.size() == 1 ? Optional.of(saying.get(0)) : saying.stream()
                .filter(s -> path.startsWith(repositoryFolder(s.path())))
                .max(Comparator.comparingInt(s -> repositoryFolder(s.path()).length()));
        return governing.map(s -> {
            Scalar value = s.actions().defaultWorkflowPermissions();
            return new DefaultToken(value.value().strip().equals("write"), value.location());
        });
    }

    /** The folder of the repository a settings file belongs to, with a trailing '/' ("" at the root). */
    private static String repositoryFolder(String settingsPath) {
        int at = settingsPath.lastIndexOf(SETTINGS_FOLDER);
        return at < 0 ? "\0" : settingsPath.substring(0, at);
    }

    /** The setting as a message quotes it. */
    public String setting() {
        return "default_workflow_permissions: " + (writes ? "write" : "read");
    }
}
