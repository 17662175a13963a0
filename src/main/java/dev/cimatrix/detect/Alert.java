package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule that fired, for one group (the values of its group-by or identity fields), with the events that made it
 * fire. Matches of the same rule and group within the de-duplication window are folded into one alert.
 */
public final class Alert {
    /** Events kept in full per alert; the rest are counted. */
    public static final int MAX_EVENTS = 100;

    private final Rule rule;
    private final Map<String, String> group;
    private final List<AlertEvent> events = new ArrayList<>();
    /**
     * The values seen per matched field: one value as itself, more as a set. Most alerts see one value a field, and
     * a set for each would make up most of what a run that raises hundreds of thousands of alerts holds.
     */
    private final Map<String, Object> matched = new LinkedHashMap<>(4);
    private final long firstTime;
    private long lastTime;
    private long eventCount;
    private String summary;

    Alert(Rule rule, Map<String, String> group, long time) {
        this.rule = rule;
        this.group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        this.firstTime = time;
        this.lastTime = time;
    }

    void add(AlertEvent event, Map<String, List<String>> matchedFields) {
        eventCount++;
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        }
        matchedFields.forEach((field, values) -> {
            for (String value : values) {
                matched.merge(field, value, Alert::withValue);
            }
        });
        lastTime = Math.max(lastTime, event.time());
    }

    void summary(String summary) {
        this.summary = summary;
    }

    /** For correlations, what was counted (such as "12 events"); null for single-event rules. */
    public String summary() {
        return summary;
    }

    public Rule rule() {
        return rule;
    }

    /** Group field to value, in the rule's order; empty when the rule has no group. */
    public Map<String, String> group() {
        return group;
    }

    /** The group as one string, {@code field=value, ...}. */
    public String groupKey() {
        StringBuilder s = new StringBuilder();
        group.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    public List<AlertEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** All events folded into the alert, including those beyond {@link #MAX_EVENTS}. */
    public long eventCount() {
        return eventCount;
    }

    @SuppressWarnings("unchecked")
    private static Object withValue(Object held, Object value) {
        if (held instanceof Set<?> set) {
            ((Set<Object>) set).add(value);
            return set;
        }
        if (held.equals(value)) {
            return held;
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(held);
        set.add(value);
        return set;
    }

    /** The fields whose tests held, with the values seen, in the order first seen. */
    @SuppressWarnings("unchecked")
    public Map<String, Set<String>> matched() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        matched.forEach((field, values) -> out.put(field, values instanceof Set<?> set
                ? Collections.unmodifiableSet((Set<String>) set) : Set.of((String) values)));
        return Collections.unmodifiableMap(out);
    }

    public long firstTime() {
        return firstTime;
    }

    public long lastTime() {
        return lastTime;
    }
}
