package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A keyword (field-less) search: some value anywhere in the event matches; OR over keywords, or AND with all. */
record KeywordTest(List<ValueMatcher> matchers, boolean all) implements EventTest {
    @Override
    public boolean test(EventRecord event) {
        List<String> values = event.allStrings();
        for (ValueMatcher m : matchers) {
            boolean hit = false;
            for (String v : values) {
                if (m.matches(v, v.toLowerCase(Locale.ROOT), event)) {
                    hit = true;
                    break;
                }
            }
            if (hit && !all) {
                return true;
            }
            if (!hit && all) {
                return false;
            }
        }
        return all && !matchers.isEmpty();
    }

    @Override
    public void collectMatched(EventRecord event, Map<String, List<String>> matched) {
        List<String> hits = new ArrayList<>();
        for (String v : event.allStrings()) {
            for (ValueMatcher m : matchers) {
                if (m.matches(v, v.toLowerCase(Locale.ROOT), event)) {
                    hits.add(v);
                    break;
                }
            }
        }
        matched.computeIfAbsent("(keywords)", k -> new ArrayList<>()).addAll(hits);
    }
}
