package dev.cimatrix.analyze;

import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Confidence;

import java.util.Locale;

/**
 * Who is reading: which checks run and which confidence levels are shown. Severity is not involved; that
 * is what {@code --min-severity} is for.
 */
public enum Profile {
    /** Findings a maintainer should act on: regular checks, medium and high confidence. */
    REGULAR,
    /** Also code smells and low-confidence findings. */
    PEDANTIC,
    /** Everything, including checks that only inventory what an auditor should look at. */
    AUDITOR;

    public boolean runs(CheckInfo check) {
        return Profile.valueOf(check.profile().toUpperCase(Locale.ROOT)).ordinal() <= ordinal();
    }

    public boolean shows(Confidence confidence) {
        return this != REGULAR || confidence != Confidence.LOW;
    }
}
