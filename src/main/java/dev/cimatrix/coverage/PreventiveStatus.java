package dev.cimatrix.coverage;

import java.util.Locale;

/** What is known of a preventive control in the scanned system. */
public enum PreventiveStatus {
    /** A check that verifies the control ran and found nothing. */
    PASS,
    /** A check that verifies the control found weaknesses. */
    FAIL,
    /** Declared in place and not contradicted by a check. */
    DECLARED,
    /** Declared as not in place (absent, planned or only partial). */
    ABSENT,
    /** No check verifies it and nothing is declared. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
