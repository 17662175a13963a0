package dev.cimatrix.analyze.checks.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version-like ref of an action ({@code v4}, {@code v4.2}, {@code 4.2.1}). A ref with fewer parts stands
 * for the newest release it covers, as floating major tags do: {@code v4} compares above every 4.x.y, so a
 * range check says whether every version the ref can resolve to is inside.
 */
record ActionVersion(List<Integer> parts) implements Comparable<ActionVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+(?:\\.\\d+){0,3})(?:[-+].*)?", Pattern.CASE_INSENSITIVE);
    private static final int PARTS = 4;

    static Optional<ActionVersion> parse(String ref) {
        Matcher m = VERSION.matcher(ref.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ActionVersion(List.copyOf(parts)));
    }

    @Override
    public int compareTo(ActionVersion other) {
        for (int i = 0; i < PARTS; i++) {
            int a = i < parts.size() ? parts.get(i) : Integer.MAX_VALUE;
            int b = i < other.parts.size() ? other.parts.get(i) : Integer.MAX_VALUE;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    /** True when this ref cannot resolve to anything older than {@code floor} (written in full). */
    boolean atLeast(ActionVersion floor) {
        return compareTo(floor) >= 0;
    }

    /**
     * True when every release this ref can resolve to is at or above {@code floor}: {@code v4} is at least
     * 4.0.0, since its lowest release is 4.0.0.
     */
    boolean lowestAtLeast(ActionVersion floor) {
        for (int i = 0; i < PARTS; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < floor.parts.size() ? floor.parts.get(i) : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }
}
