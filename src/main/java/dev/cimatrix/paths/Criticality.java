package dev.cimatrix.paths;

import java.util.Locale;

/** How much an asset matters; the impact factor of a path's score. */
public enum Criticality {
    LOW(0.25), MEDIUM(0.5), HIGH(0.75), CRITICAL(1.0);

    private final double weight;

    Criticality(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    public static Criticality parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
