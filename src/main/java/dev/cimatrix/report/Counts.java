package dev.cimatrix.report;

/** Counts in report text: "1 file", "3 files". */
public final class Counts {
    private Counts() {
    }

    /** The number and the noun, with an s for any number but one (the nouns of the reports are all regular). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
