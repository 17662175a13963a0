package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts of one detection run, and the input problems met (the first {@value #KEPT_PROBLEMS} kept in full). */
public final class DetectStats {
    static final int KEPT_PROBLEMS = 1000;

    private long files;
    private long events;
    private long bytes;
    /** By source ordinal: counted at every event, so without boxing a count into a map. */
    private final long[] eventsBySource = new long[EventSource.values().length];
    private final Map<InputProblem.Kind, Long> problemCounts = new EnumMap<>(InputProblem.Kind.class);
    private final List<InputProblem> problems = new ArrayList<>();
    private long ruleMatches;
    private long learningSuppressed;
    private final List<String> readOldestFirst = new ArrayList<>();
    /** By rule key, in the order the rules first went past the alert limit. */
    private final Map<String, Long> alertsNotListed = new java.util.LinkedHashMap<>();

    void file() {
        files++;
    }

    void bytes(long n) {
        bytes += n;
    }

    void event(EventSource source) {
        events++;
        eventsBySource[source.ordinal()]++;
    }

    void ruleMatch() {
        ruleMatches++;
    }

    void suppressedWhileLearning() {
        learningSuppressed++;
    }

    void alertNotListed(String rule) {
        alertsNotListed.merge(rule, 1L, Long::sum);
    }

    /** The alerts counted but not listed, by rule key, for rules past the alert limit. */
    public Map<String, Long> alertsNotListed() {
        return Collections.unmodifiableMap(alertsNotListed);
    }

    void readOldestFirst(String file) {
        readOldestFirst.add(file);
    }

    /** Takes back {@link #readOldestFirst} for the file just named, when none of its events could be reordered. */
    void notReadOldestFirst(String file) {
        if (!readOldestFirst.isEmpty() && readOldestFirst.get(readOldestFirst.size() - 1).equals(file)) {
            readOldestFirst.remove(readOldestFirst.size() - 1);
        }
    }

    void problem(InputProblem problem) {
        problemCounts.merge(problem.kind(), 1L, Long::sum);
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(problem);
        }
    }

    public long files() {
        return files;
    }

    /** Events read and recognised. */
    public long events() {
        return events;
    }

    public long bytes() {
        return bytes;
    }

    /** The sources seen, in enum order, with their event counts. */
    public Map<EventSource, Long> eventsBySource() {
        Map<EventSource, Long> seen = new EnumMap<>(EventSource.class);
        for (EventSource source : EventSource.values()) {
            if (eventsBySource[source.ordinal()] > 0) {
                seen.put(source, eventsBySource[source.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(seen);
    }

    public long problems(InputProblem.Kind kind) {
        return problemCounts.getOrDefault(kind, 0L);
    }

    public long problemCount() {
        return problemCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The problems kept in full, in input order. */
    public List<InputProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The files whose events ran newest first, which were read oldest first. */
    public List<String> readOldestFirst() {
        return Collections.unmodifiableList(readOldestFirst);
    }

    public long ruleMatches() {
        return ruleMatches;
    }

    /** Baseline matches that did not alert because they fell in the --learn period. */
    public long learningSuppressed() {
        return learningSuppressed;
    }
}
