package dev.cimatrix.coverage;

import java.util.Locale;

/** The verdict on one matrix cell. */
public enum CellStatus {
    /** Prevented (verified or declared) and detected, with no open weakness. */
    COVERED,
    /** Some protection, but not both kinds, or an open weakness that a detection would reveal. */
    PARTIAL,
    /** An open weakness with no detection, or controls known to be absent. */
    GAP,
    /** Nothing verified, declared or detected: cimatrix cannot tell. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
