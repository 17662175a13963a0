package dev.cimatrix.catalog;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known ids nearest to one a user mistyped, for "did you mean" in error messages. */
public final class ClosestIds {
    /** At most two edits away; the distance is -1 beyond that. */
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(2);

    private ClosestIds() {
    }

    /**
     * Up to {@code limit} of {@code known}, nearest first, ignoring case: those at most two edits from
     * {@code wanted}, then those that contain it or that it contains (a check id written without its
     * {@code gha-} prefix).
     */
    public static List<String> to(String wanted, Collection<String> known, int limit) {
        String w = wanted.trim().toLowerCase(Locale.ROOT);
        if (w.isEmpty()) {
            return List.of();
        }
        return known.stream()
                .filter(k -> rank(k, w) < Integer.MAX_VALUE)
                .sorted(Comparator.comparingInt((String k) -> rank(k, w)).thenComparing(k -> k))
                .limit(limit)
                .toList();
    }

    private static int rank(String candidate, String wanted) {
        String c = candidate.toLowerCase(Locale.ROOT);
        int edits = DISTANCE.apply(c, wanted);
        if (edits >= 0) {
            return edits;
        }
        return c.contains(wanted) || wanted.contains(c) ? 3 : Integer.MAX_VALUE;
    }
}
