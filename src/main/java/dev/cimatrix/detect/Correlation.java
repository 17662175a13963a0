package dev.cimatrix.detect;

import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule: counts or orders the matches of other rules per group within a time span.
 *
 * @param rules     ids or names of the referenced rules, in the order {@code temporal_ordered} requires
 * @param groupBy   group fields (alias names where {@code aliases} maps them per rule)
 * @param condition comparison operator ({@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code eq}) to bound
 * @param valueField for {@code value_count}, the field whose distinct values are counted
 * @param aliases   alias name to (rule id or name to field of that rule's events)
 * @param generate  whether the referenced rules also alert on their own
 */
public record Correlation(Type type, List<String> rules, List<String> groupBy, long timespanMillis,
                          Map<String, Long> condition, String valueField,
                          Map<String, Map<String, String>> aliases, boolean generate) {
    public enum Type {
        EVENT_COUNT("event_count"), VALUE_COUNT("value_count"), TEMPORAL("temporal"),
        TEMPORAL_ORDERED("temporal_ordered");

        private final String sigmaName;

        Type(String sigmaName) {
            this.sigmaName = sigmaName;
        }

        public String sigmaName() {
            return sigmaName;
        }
    }

    /** Whether a count satisfies every bound of the condition. */
    boolean satisfied(long count) {
        for (Map.Entry<String, Long> bound : condition.entrySet()) {
            long v = bound.getValue();
            boolean ok = switch (bound.getKey()) {
                case "gt" -> count > v;
                case "gte" -> count >= v;
                case "lt" -> count < v;
                case "lte" -> count <= v;
                case "eq" -> count == v;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A condition with only upper bounds ({@code lt}, {@code lte}) can be judged only when the window has closed;
     * anything with a lower bound is judged as soon as it is reached.
     */
    boolean judgedAtWindowEnd() {
        return condition.keySet().stream().allMatch(k -> k.equals("lt") || k.equals("lte"));
    }
}
