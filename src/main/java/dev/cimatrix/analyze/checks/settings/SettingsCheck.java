package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.Check;

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
}
