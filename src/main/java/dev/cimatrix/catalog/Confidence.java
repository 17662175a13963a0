package dev.cimatrix.catalog;

import java.util.Locale;

/** How sure a check is that a finding is real; separate from severity. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Confidence parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
