package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code exists} modifier: whether the field is in the event at all (a JSON null counts as present). */
record SlotPresence(String path, int slot, boolean expected) implements EventTest {
    @Override
    public boolean test(EventRecord event) {
        return event.present(slot) == expected;
    }

    @Override
    public void collectMatched(EventRecord event, Map<String, List<String>> matched) {
        if (expected) {
            matched.computeIfAbsent(path, k -> new ArrayList<>()).addAll(event.texts(slot));
        }
    }
}
