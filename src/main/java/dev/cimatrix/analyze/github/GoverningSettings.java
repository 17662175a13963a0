package dev.cimatrix.analyze.github;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Inventory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which settings file of a scan governs a workflow: of the files that state what is asked, the scan's only one, or
 * else the one whose repository folder holds the workflow ({@code a/.github/settings.yml} governs
 * {@code a/.github/workflows/}), the nearest if several do.
 */
public final class GoverningSettings {
    private static final String SETTINGS_FOLDER = ".github/";

    private GoverningSettings() {
    }

    public static Optional<GithubSettings> of(Inventory inventory, String workflowPath, Predicate<GithubSettings> stating) {
        List<GithubSettings> saying = inventory.githubSettings().stream().filter(stating).toList();
        if (saying.size() == 1) {
            return Optional.of(saying.get(0));
        }
        return saying.stream().filter(s -> workflowPath.startsWith(repositoryFolder(s.path())))
                .max(Comparator.comparingInt(s -> repositoryFolder(s.path()).length()));
    }

    /** Whether the settings file governs the workflow, among the files that state what is asked. */
    public static boolean governs(Inventory inventory, GithubSettings settings, String workflowPath,
                                  Predicate<GithubSettings> stating) {
        return of(inventory, workflowPath, stating).map(s -> s == settings).orElse(false);
    }

    /** The folder of the repository a settings file belongs to, with a trailing '/' ("" at the root). */
    private static String repositoryFolder(String settingsPath) {
        int at = settingsPath.lastIndexOf(SETTINGS_FOLDER);
        // A file outside a .github folder (a snapshot named on the command line) holds no workflow's folder.
        return at < 0 ? "\0" : settingsPath.substring(0, at);
    }
}
