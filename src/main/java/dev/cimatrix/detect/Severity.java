package dev.cimatrix.detect;

import java.util.Locale;
import java.util.Optional;

/** How bad an alert is, from the Sigma {@code level} of its rule; ordered from least to most severe. */
public enum Severity {
    INFO("informational"), LOW("low"), MEDIUM("medium"), HIGH("high"), CRITICAL("critical");

    private final String sigmaLevel;

    Severity(String sigmaLevel) {
        this.sigmaLevel = sigmaLevel;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String sigmaLevel() {
        return sigmaLevel;
    }

    public static Optional<Severity> fromSigmaLevel(String level) {
        for (Severity s : values()) {
            if (s.sigmaLevel.equalsIgnoreCase(level) || s.label().equalsIgnoreCase(level)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
