package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One field clause of a detection map ({@code field|modifiers: values}): OR over the values, or AND with
 * {@code |all}. A field holding several values (a path through an array) matches when any of them does.
 *
 * @param matchesMissing the values include {@code null}: an absent field or a JSON null satisfies the clause
 */
final class FieldTest implements EventTest {
    private final String path;
    private final int slot;
    /** In an array rather than a list, for the reason {@link EventTest.Combination} gives. */
    private final ValueMatcher[] matchers;
    private final boolean all;
    private final boolean matchesMissing;

    FieldTest(String path, int slot, List<ValueMatcher> matchers, boolean all, boolean matchesMissing) {
        this.path = path;
        this.slot = slot;
        this.matchers = matchers.toArray(ValueMatcher[]::new);
        this.all = all;
        this.matchesMissing = matchesMissing;
    }

    String path() {
        return path;
    }

    int slot() {
        return slot;
    }

    List<ValueMatcher> matchers() {
        return List.of(matchers);
    }

    boolean all() {
        return all;
    }

    boolean matchesMissing() {
        return matchesMissing;
    }

    @Override
    public boolean test(EventRecord event) {
        Object value = event.raw(slot);
        if (value == null || value == EventRecord.JSON_NULL) {
            return matchesMissing;
        }
        if (value instanceof String s) {
            return all ? allMatch(s, event.lower(slot), event) : anyMatch(s, event.lower(slot), event);
        }
        if (value instanceof EventRecord.Multi multi) {
            return all ? allMatchSomeElement(multi, event) : anyElementMatches(multi, event);
        }
        return containerMatches();
    }

    private boolean anyMatch(String s, String lowered, EventRecord event) {
        for (ValueMatcher m : matchers) {
            if (m.matches(s, lowered, event)) {
                return true;
            }
        }
        return false;
    }

    private boolean allMatch(String s, String lowered, EventRecord event) {
        for (ValueMatcher m : matchers) {
            if (!m.matches(s, lowered, event)) {
                return false;
            }
        }
        return matchers.length > 0;
    }

    private boolean containerMatches() {
        for (ValueMatcher m : matchers) {
            if (m.matchesContainer()) {
                return true;
            }
        }
        return false;
    }

    private boolean anyElementMatches(EventRecord.Multi multi, EventRecord event) {
        for (Object element : multi) {
            if (element instanceof String s) {
                if (anyMatch(s, s.toLowerCase(java.util.Locale.ROOT), event)) {
                    return true;
                }
            } else if (element == EventRecord.CONTAINER && containerMatches()) {
                return true;
            }
        }
        return matchesMissing && multi.stream().allMatch(e -> e == EventRecord.JSON_NULL);
    }

    /** With {@code |all} over an array: every pattern must be met by some element. */
    private boolean allMatchSomeElement(EventRecord.Multi multi, EventRecord event) {
        for (ValueMatcher m : matchers) {
            boolean met = false;
            for (Object element : multi) {
                if (element instanceof String s && m.matches(s, s.toLowerCase(java.util.Locale.ROOT), event)) {
                    met = true;
                    break;
                }
            }
            if (!met) {
                return false;
            }
        }
        return matchers.length > 0;
    }

    @Override
    public void collectMatched(EventRecord event, Map<String, List<String>> matched) {
        if (event.present(slot)) {
            matched.computeIfAbsent(path, k -> new ArrayList<>()).addAll(event.texts(slot));
        }
    }
}
