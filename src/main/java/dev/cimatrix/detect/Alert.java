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
    private final Map<String, Set<String>> matched = new LinkedHashMap<>();
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
        matchedFields.forEach((field, values) -> matched.computeIfAbsent(field, k -> new LinkedHashSet<>())
                .addAll(values));
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

    /** The fields whose tests held, with the values seen. */
    public Map<String, Set<String>> matched() {
        return Collections.unmodifiableMap(matched);
    }

    public long firstTime() {
        return firstTime;
    }

    public long lastTime() {
        return lastTime;
    }
}
