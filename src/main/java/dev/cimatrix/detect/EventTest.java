package dev.cimatrix.detect;

import java.util.List;
import java.util.Map;

/** A compiled test on one event: a detection or a part of it. */
interface EventTest {
    boolean test(EventRecord event);

    /** Adds the field tests that hold for a matching event, path to the values that made them hold. */
    default void collectMatched(EventRecord event, Map<String, List<String>> matched) {
    }

    /**
     * A combination of parts. They are kept in an array: a list's iterator costs an allocation and two interface
     * calls per part, and tests run for every event.
     */
    abstract class Combination implements EventTest {
        final EventTest[] parts;

        Combination(List<EventTest> parts) {
            this.parts = parts.toArray(EventTest[]::new);
        }

        List<EventTest> parts() {
            return List.of(parts);
        }
    }

    /** Every part holds. */
    final class And extends Combination {
        And(List<EventTest> parts) {
            super(parts);
        }

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
            for (EventTest part : parts) {
                part.collectMatched(event, matched);
            }
        }
    }

    /** Some part holds. */
    final class Or extends Combination {
        Or(List<EventTest> parts) {
            super(parts);
        }

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
