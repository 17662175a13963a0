package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the correlation rules over the stream of base-rule matches, per group, in event time. Counts use a sliding
 * window of {@code timespan} ending at the newest match; a condition with a lower bound fires as soon as it holds,
 * one with only upper bounds ({@code lt}, {@code lte}) is judged when its window (opened by the group's first match)
 * closes or the input ends. After firing, a group starts afresh, so one burst gives one alert.
 */
final class CorrelationEngine {
    /** A base-rule match held in a window. */
    private record Match(long time, int position, String value, AlertEvent event, Map<String, List<String>> matched) {
    }

    /** What fires: the correlation rule, its group, and the matches that made it fire. */
    record Firing(Rule rule, Map<String, String> group, long time, List<Match> matches, String summary) {
        void addTo(Alert alert) {
            for (Match m : matches) {
                alert.add(m.event(), m.matched());
            }
        }
    }

    private final List<Rule> correlations;

    /**
     * The open matches of one group of one correlation. What it keeps is bounded by what its condition can use, so
     * that a log repeating one match (a token pushing to one repository a hundred thousand times within the hour)
     * costs neither time nor memory per match: a {@code value_count} window keeps the newest match of each value, a
     * {@code temporal} one of each rule, and counts what they hold; a window judged at its end keeps no more matches
     * than its upper bound can use and counts the rest.
     */
    private static final class Window {
        private final Map<String, String> group;
        /** The matches in time order; null when they are kept by key instead. */
        private final Deque<Match> sequence;
        /**
         * The events an {@code event_count} window holds, each counted once however often it is read: a log read
         * again with the same state store (whose open windows hold its events from the first run), two exports
         * that overlap, or one event matching two of the referenced rules. Null for the other types.
         */
        private final Set<String> sequenced;
        /** The newest match of each value or rule, the oldest first; null when the matches are kept in order. */
        private final LinkedHashMap<Object, Match> newest;
        private final Correlation.Type type;
        /** The most matches worth keeping; the rest are only counted. */
        private final long kept;
        private long uncounted;
        private long opened;
        private long last;

        Window(Map<String, String> group, Correlation c) {
            this.group = group;
            this.type = c.type();
            boolean keyed = type == Correlation.Type.VALUE_COUNT || type == Correlation.Type.TEMPORAL;
            this.sequence = keyed ? null : new ArrayDeque<>();
            this.sequenced = type == Correlation.Type.EVENT_COUNT ? new HashSet<>() : null;
            this.newest = keyed ? new LinkedHashMap<>() : null;
            // Past the upper bound a window judged at its end can no longer fire: one more is enough to know it.
            this.kept = c.judgedAtWindowEnd() ? c.condition().values().stream().mapToLong(Long::longValue).max()
                    .orElse(0) + 1 : Long.MAX_VALUE;
        }

        Map<String, String> group() {
            return group;
        }

        boolean isEmpty() {
            return sequence != null ? sequence.isEmpty() : newest.isEmpty();
        }

        /** Adds a match, unless its event is in the window already. */
        void add(Match match) {
            if (sequenced != null && sequenced.contains(match.event().json())) {
                return;
            }
            if (isEmpty()) {
                opened = match.time();
            }
            last = match.time();
            if (sequence != null) {
                if (sequence.size() < kept) {
                    sequence.addLast(match);
                    if (sequenced != null) {
                        sequenced.add(match.event().json());
                    }
                } else {
                    uncounted++;
                }
                return;
            }
            Object key = type == Correlation.Type.VALUE_COUNT ? match.value() : (Object) match.position();
            if (newest.remove(key) == null && newest.size() >= kept) {
                uncounted++;
                return;
            }
            newest.put(key, match);
        }

        /** Lets go of the matches at or before {@code time}. */
        void dropUpTo(long time) {
            if (sequence != null) {
                while (!sequence.isEmpty() && sequence.peekFirst().time() <= time) {
                    Match dropped = sequence.removeFirst();
                    if (sequenced != null) {
                        sequenced.remove(dropped.event().json());
                    }
                }
            } else {
                Iterator<Match> it = newest.values().iterator();
                while (it.hasNext() && it.next().time() <= time) {
                    it.remove();
                }
            }
            if (isEmpty()) {
                uncounted = 0;
            }
        }

        void clear() {
            if (sequence != null) {
                sequence.clear();
                if (sequenced != null) {
                    sequenced.clear();
                }
            } else {
                newest.clear();
            }
            uncounted = 0;
        }

        /** The time of the first match since the window was last empty. */
        long opened() {
            return opened;
        }

        long last() {
            return last;
        }

        /** The newest match's rule position, in a sequence; -1 when empty. */
        int lastPosition() {
            return sequence.isEmpty() ? -1 : sequence.peekLast().position();
        }

        /** Events, distinct values or distinct rules, as the correlation counts them. */
        long measure() {
            return size() + uncounted;
        }

        int size() {
            return sequence != null ? sequence.size() : newest.size();
        }

        List<Match> matches() {
            return List.copyOf(sequence != null ? sequence : newest.values());
        }
    }

    private final List<Map<String, Window>> windows = new ArrayList<>();
    private final Consumer<Firing> onFire;

    CorrelationEngine(List<Rule> correlations, Consumer<Firing> onFire) {
        this.correlations = correlations;
        this.onFire = onFire;
        for (int i = 0; i < correlations.size(); i++) {
            windows.add(new HashMap<>());
        }
    }

    void feed(RuleSet.Binding binding, EventRecord event, long time, AlertEvent captured,
              Map<String, List<String>> matched) {
        Rule rule = correlations.get(binding.correlation());
        Correlation c = rule.correlation();
        Map<String, String> group = new LinkedHashMap<>();
        for (int g = 0; g < binding.groupSlots().length; g++) {
            group.put(c.groupBy().get(g), String.join(",", event.texts(binding.groupSlots()[g])));
        }
        String key = group.toString();
        String value = binding.valueSlot() < 0 ? null : String.join(",", event.texts(binding.valueSlot()));
        if (c.type() == Correlation.Type.VALUE_COUNT && (value == null || value.isEmpty())) {
            return;
        }
        Window window = windows.get(binding.correlation()).computeIfAbsent(key, k -> new Window(group, c));
        Match match = new Match(time, binding.position(), value, captured, matched);

        if (c.judgedAtWindowEnd()) {
            if (!window.isEmpty() && time - window.opened() > c.timespanMillis()) {
                judgeClosed(rule, window);
                window.clear();
            }
            window.add(match);
            return;
        }
        window.dropUpTo(time - c.timespanMillis() - 1);
        if (c.type() == Correlation.Type.TEMPORAL_ORDERED) {
            feedOrdered(rule, window, match);
            return;
        }
        window.add(match);
        long measure = window.measure();
        if (c.satisfied(measure)) {
            fire(rule, window.group(), time, window, measure);
            window.clear();
        }
    }

    /** Ordered sequence: a match extends the sequence only if it is the next expected step. */
    private void feedOrdered(Rule rule, Window window, Match match) {
        if (match.position() != window.lastPosition() + 1) {
            return;
        }
        window.add(match);
        Correlation c = rule.correlation();
        if (window.size() == c.rules().size()) {
            fire(rule, window.group(), match.time(), window, window.size());
            window.clear();
        }
    }

    private void judgeClosed(Rule rule, Window window) {
        long measure = window.measure();
        if (rule.correlation().satisfied(measure)) {
            fire(rule, window.group(), window.last(), window, measure);
        }
    }

    private void fire(Rule rule, Map<String, String> group, long time, Window window, long measure) {
        String what = switch (rule.correlation().type()) {
            case EVENT_COUNT -> measure + " events";
            case VALUE_COUNT -> measure + " distinct " + rule.correlation().valueField();
            case TEMPORAL, TEMPORAL_ORDERED -> measure + " of " + rule.correlation().rules().size() + " rules";
        };
        onFire.accept(new Firing(rule, group, time, window.matches(), what));
    }

    /**
     * The matches of the windows still open, for the state store: after {@link #finish} these are the windows of
     * rules with a lower bound and of sequences, which the next run goes on filling.
     */
    List<DetectionState.OpenMatch> openMatches() {
        List<DetectionState.OpenMatch> out = new ArrayList<>();
        for (int i = 0; i < correlations.size(); i++) {
            String rule = correlations.get(i).key();
            for (Map.Entry<String, Window> entry : windows.get(i).entrySet()) {
                int seq = 0;
                for (Match m : entry.getValue().matches()) {
                    AlertEvent e = m.event();
                    out.add(new DetectionState.OpenMatch(rule, entry.getKey(), toJson(entry.getValue().group()), seq++,
                            m.time(), m.position(), m.value(), e.file(), e.line(), e.json(), toJson(m.matched())));
                }
            }
        }
        return out;
    }

    /**
     * Reopens windows a previous run left open. Matches of rules that are no longer loaded, or whose position no
     * longer exists, are dropped: the rule changed, and its old window means nothing now.
     */
    void restore(List<DetectionState.OpenMatch> matches) {
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < correlations.size(); i++) {
            byId.putIfAbsent(correlations.get(i).key(), i);
        }
        for (DetectionState.OpenMatch m : matches) {
            Integer index = byId.get(m.rule());
            if (index == null || m.position() < 0 || m.position() >= correlations.get(index).correlation().rules().size()) {
                continue;
            }
            Map<String, String> group = fromJson(m.groupFields(), new TypeReference<LinkedHashMap<String, String>>() { });
            Map<String, List<String>> matched = fromJson(m.matched(),
                    new TypeReference<LinkedHashMap<String, List<String>>>() { });
            if (group == null || matched == null) {
                continue;
            }
            Rule rule = correlations.get(index);
            windows.get(index).computeIfAbsent(m.group(), k -> new Window(group, rule.correlation()))
                    .add(new Match(m.time(), m.position(), m.value(),
                            new AlertEvent(m.file(), m.line(), m.time(), m.event()), matched));
        }
    }

    /**
     * Written with the streaming generator, as the object mapper writes such maps: building the mapper loads hundreds
     * of classes, which a run pays only when it reopens stored windows.
     */
    private static final JsonFactory STREAMS = new JsonFactory();

    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /** A group or the matched fields: string keys to a string, or to a list of strings. */
    private static String toJson(Map<String, ?> value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = STREAMS.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : value.entrySet()) {
                g.writeName(e.getKey());
                if (e.getValue() instanceof List<?> list) {
                    g.writeStartArray();
                    for (Object element : list) {
                        g.writeString((String) element);
                    }
                    g.writeEndArray();
                } else {
                    g.writeString((String) e.getValue());
                }
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    /** A stored value, or null when the store holds something this version cannot read. */
    private static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return Mapper.JSON.readValue(text, type);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Lets go of what no match from {@code now} on can use, in a stream: matches older than their timespan, and
     * windows left empty. A window judged at its end whose end has passed is judged now, as a later match of its
     * group would have it judged.
     */
    void expire(long now) {
        for (int i = 0; i < correlations.size(); i++) {
            Rule rule = correlations.get(i);
            Correlation c = rule.correlation();
            Iterator<Window> it = windows.get(i).values().iterator();
            while (it.hasNext()) {
                Window window = it.next();
                if (c.judgedAtWindowEnd()) {
                    if (!window.isEmpty() && now - window.opened() > c.timespanMillis()) {
                        judgeClosed(rule, window);
                        window.clear();
                    }
                } else {
                    window.dropUpTo(now - c.timespanMillis() - 1);
                }
                if (window.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    int windowCount() {
        return windows.stream().mapToInt(Map::size).sum();
    }

    /** End of input: windows judged only at their end are judged now; the rest stay unfired. */
    void finish() {
        for (int i = 0; i < correlations.size(); i++) {
            Rule rule = correlations.get(i);
            if (!rule.correlation().judgedAtWindowEnd()) {
                continue;
            }
            Iterator<Window> it = windows.get(i).values().iterator();
            while (it.hasNext()) {
                Window window = it.next();
                if (!window.isEmpty()) {
                    judgeClosed(rule, window);
                }
                it.remove();
            }
        }
    }
}
