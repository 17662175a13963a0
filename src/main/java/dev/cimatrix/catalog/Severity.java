package dev.cimatrix.catalog;

import java.util.Locale;

/** Impact if a weakness is exploited or an alert is real; ordered from least to most. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** The number GitHub code scanning reads from SARIF {@code security-severity}. */
    public String securitySeverity() {
        return switch (this) {
            case INFO -> "0.0";
            case LOW -> "3.0";
            case MEDIUM -> "5.5";
            case HIGH -> "8.0";
            case CRITICAL -> "9.5";
        };
    }
}
