package dev.cimatrix.analyze;

import java.util.Arrays;
import java.util.List;

/**
 * A search for any of a few ASCII words in scripts, with letters compared without case and without making
 * a lower-case copy of the script: checks look for tool names in every {@code run:} of a scan, and most
 * scripts mention none. One pass over the text finds any of the words.
 */
public final class TextSearch {
    /** Words by their first character in lower case; only ASCII characters start a word. */
    private final String[][] byFirst = new String[128][];
    /** Whether a word starts with this ASCII character, in either case. */
    private final boolean[] starts = new boolean[128];
    /**
     * The first two characters of the words, folded to lower case, as bits of a 128 x 128 table: most
     * candidates in a script are common letters, and the second character rules out nearly all of them.
     */
    private final long[] pairs = new long[128 * 128 / 64];
    /** Whether some word is one character long or has a second character outside ASCII. */
    private final boolean[] unpaired = new boolean[128];

    private TextSearch(List<String> words) {
        for (String word : words) {
            if (word.isEmpty() || word.charAt(0) >= 128) {
                throw new IllegalArgumentException("a search word must start with an ASCII character: '" + word + "'");
            }
            char first = lower(word.charAt(0));
            String[] group = byFirst[first] == null ? new String[0] : byFirst[first];
            byFirst[first] = Arrays.copyOf(group, group.length + 1);
            byFirst[first][group.length] = word;
            starts[first] = true;
            starts[Character.toUpperCase(first)] = true;
            if (word.length() < 2 || word.charAt(1) >= 128) {
                unpaired[first] = true;
            } else {
                int pair = first << 7 | lower(word.charAt(1));
                pairs[pair >>> 6] |= 1L << pair;
            }
        }
    }

    /** A search for any of {@code words}, ignoring case. */
    public static TextSearch anyOf(String... words) {
        return new TextSearch(List.of(words));
    }

    /**
     * Whether {@code text} contains one of the words. A word is compared only where the text has its first
     * two characters, so a script is read once and most of its characters cost a table lookup.
     */
    public boolean foundIn(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !starts[c]) {
                continue;
            }
            char first = lower(c);
            if (!unpaired[first] && i + 1 < length) {
                char next = text.charAt(i + 1);
                if (next < 128) {
                    int pair = first << 7 | lower(next);
                    if ((pairs[pair >>> 6] & 1L << pair) == 0) {
                        continue;
                    }
                }
            }
            for (String word : byFirst[first]) {
                if (text.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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
