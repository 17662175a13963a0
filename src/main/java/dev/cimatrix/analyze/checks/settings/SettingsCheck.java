package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.model.GithubSettings;

/**
 * A check of GitHub repository settings. A settings file states only what it manages, so a check's silence is
 * evidence only where the file stated what it judges ({@link #verifiesOnlyWhatItMeets()}).
 */
abstract class SettingsCheck implements Check {
    private final String id;

    SettingsCheck(String id) {
        this.id = id;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final boolean verifiesOnlyWhatItMeets() {
        return true;
    }

    /** Whose settings a GitHub settings file holds, as a message names it. */
    static String owner(GithubSettings settings) {
        return settings.organization() == null ? "the repository"
                : "organisation " + OrgTwoFactorCheck.login(settings.organization());
    }
}
