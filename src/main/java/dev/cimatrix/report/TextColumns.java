package dev.cimatrix.report;

/** Columns of the plain-text tables the commands print. */
public final class TextColumns {
    private TextColumns() {
    }

    /** The text followed by spaces up to the width; text at least as wide is left as it is. */
    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
