package dev.cimatrix.analyze;

/**
 * Case-insensitive searches for ASCII words in scripts, without making a lower-case copy of the script:
 * checks look for tool names in every {@code run:} of a scan, and most scripts mention none.
 */
public final class TextSearch {
    private TextSearch() {
    }

    /** Whether {@code text} contains {@code word} (ASCII letters compared without case). */
    public static boolean containsIgnoreCase(String text, String word) {
        if (word.isEmpty()) {
            return true;
        }
        char first = word.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        int last = text.length() - word.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i + 1, word, 1, word.length() - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} contains any of {@code words}, compared without case. */
    public static boolean containsAnyIgnoreCase(String text, String... words) {
        for (String word : words) {
            if (containsIgnoreCase(text, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} contains any of {@code words} exactly. */
    public static boolean containsAny(String text, Iterable<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
