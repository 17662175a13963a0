package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.ProtectedBranch;
import dev.cimatrix.model.Location;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A GitLab project's default branch as its settings snapshot states it: its name ({@code main} when not stated) and
 * the protected branch entry that covers it (by name, or by wildcard as GitLab matches {@code *}).
 */
record GitlabDefaultBranch(String name, Optional<ProtectedBranch> protection) {
    static GitlabDefaultBranch of(GitlabSettings settings) {
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
        if (!pattern.contains("*")) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), branch);
    }
}
