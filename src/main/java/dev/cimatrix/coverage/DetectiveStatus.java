package dev.cimatrix.coverage;

import java.util.Locale;

/** What is known of a detective control in the scanned system. */
public enum DetectiveStatus {
    /** An enabled rule implements it and the rule's log source is collected. */
    IMPLEMENTED,
    /** Declared in place (a detection outside cimatrix). */
    DECLARED,
    /** An enabled rule implements it, but its log source is not known to be collected. */
    AVAILABLE,
    /** Declared as not in place (absent, planned or only partial). */
    ABSENT,
    /** No enabled rule implements it and nothing is declared. */
    MISSING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
