package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.GitlabSettingsContext;
import dev.cimatrix.analyze.GlobPattern;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.ProtectedBranch;
import dev.cimatrix.model.Location;

import java.util.List;
import java.util.Optional;

/**
 * A GitLab project's default branch as its settings snapshot states it: its name ({@code main} when not stated) and
 * the protected branch entry that covers it (by name, or by wildcard as GitLab matches {@code *}).
 */
record GitlabDefaultBranch(String name, Optional<ProtectedBranch> protection) {
    /** The default branch of the snapshot a check is handed, worked out once for all the checks of the file. */
    static GitlabDefaultBranch of(GitlabSettingsContext context) {
        return context.derived().get(List.of(GitlabDefaultBranch.class, context.settings().path()),
                () -> of(context.settings()));
    }

    private static GitlabDefaultBranch of(GitlabSettings settings) {
        String name = settings.defaultBranch() == null ? "main" : settings.defaultBranch().value().strip();
        Optional<ProtectedBranch> protection = settings.protectedBranches() == null ? Optional.empty()
                : settings.protectedBranches().stream().filter(b -> b.name().value().equals(name)).findFirst()
                        .or(() -> settings.protectedBranches().stream().filter(b -> wildcard(b.name().value(), name))
                                .findFirst());
        return new GitlabDefaultBranch(name, protection);
    }

    /** Where a finding about the branch belongs: its default_branch setting, or the whole file. */
    static Location where(GitlabSettings settings) {
        return settings.defaultBranch() != null ? settings.defaultBranch().location() : settings.location();
    }

    private static boolean wildcard(String pattern, String branch) {
        int first = pattern.indexOf('*');
        if (first < 0) {
            return false;
        }
        // The text before the first star and after the last must stand at the ends of the name: most patterns fail
        // there, before the pattern (from the scanned file, matched in linear time) is compiled.
        String suffix = pattern.substring(pattern.lastIndexOf('*') + 1);
        return branch.startsWith(pattern.substring(0, first)) && branch.endsWith(suffix)
                && GlobPattern.wildcard(pattern).matches(branch);
    }
}
