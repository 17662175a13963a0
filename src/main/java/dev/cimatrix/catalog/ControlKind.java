package dev.cimatrix.catalog;

import java.util.Locale;

/** Whether a control stops a technique or reveals it. */
public enum ControlKind {
    PREVENTIVE, DETECTIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
