package dev.cimatrix.detect;

import java.util.List;
import java.util.Map;

/** A compiled test on one event: a detection or a part of it. */
interface EventTest {
    boolean test(EventRecord event);

    /** Adds the field tests that hold for a matching event, path to the values that made them hold. */
    default void collectMatched(EventRecord event, Map<String, List<String>> matched) {
    }

    record And(List<EventTest> parts) implements EventTest {
        @Override
        public boolean test(EventRecord event) {
            for (EventTest part : parts) {
                if (!part.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void collectMatched(EventRecord event, Map<String, List<String>> matched) {
            parts.forEach(p -> p.collectMatched(event, matched));
        }
    }

    record Or(List<EventTest> parts) implements EventTest {
        @Override
        public boolean test(EventRecord event) {
            for (EventTest part : parts) {
                if (part.test(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void collectMatched(EventRecord event, Map<String, List<String>> matched) {
            for (EventTest part : parts) {
                if (part.test(event)) {
                    part.collectMatched(event, matched);
                }
            }
        }
    }

    /** Negation; what made a negated part false is not a reason the rule matched, so nothing is collected. */
    record Not(EventTest part) implements EventTest {
        @Override
        public boolean test(EventRecord event) {
            return !part.test(event);
        }
    }
}
