package dev.cimatrix.analyze;

import java.util.List;

/**
 * A search for any of a few ASCII words in scripts, with letters compared without case and without making
 * a lower-case copy of the script: checks look for tool names in every {@code run:} of a scan, and most
 * scripts mention none. One pass over the text finds any of the words.
 */
public final class TextSearch {
    private final String[] words;
    /** For each ASCII character, whether some word starts with it (in either case). */
    private final boolean[] starts = new boolean[128];

    private TextSearch(List<String> words) {
        this.words = words.toArray(String[]::new);
        for (String word : this.words) {
            if (word.isEmpty() || word.charAt(0) >= 128) {
                throw new IllegalArgumentException("a search word must start with an ASCII character: '" + word + "'");
            }
            char first = word.charAt(0);
            starts[Character.toLowerCase(first)] = true;
            starts[Character.toUpperCase(first)] = true;
        }
    }

    /** A search for any of {@code words}, ignoring case. */
    public static TextSearch anyOf(String... words) {
        return new TextSearch(List.of(words));
    }

    /** Whether {@code text} contains one of the words. */
    public boolean foundIn(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 128 && starts[c]) {
                for (String word : words) {
                    if (text.regionMatches(true, i, word, 0, word.length())) {
                        return true;
                    }
                }
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
