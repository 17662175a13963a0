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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** The open matches of one group of one correlation. */
    private record Window(Map<String, String> group, Deque<Match> matches) {
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
        Deque<Match> window = windows.get(binding.correlation())
                .computeIfAbsent(key, k -> new Window(group, new ArrayDeque<>())).matches();
        Match match = new Match(time, binding.position(), value, captured, matched);

        if (c.judgedAtWindowEnd()) {
            if (!window.isEmpty() && time - window.peekFirst().time() > c.timespanMillis()) {
                judgeClosed(rule, group, window);
                window.clear();
            }
            window.addLast(match);
            return;
        }
        while (!window.isEmpty() && time - window.peekFirst().time() > c.timespanMillis()) {
            window.removeFirst();
        }
        if (c.type() == Correlation.Type.TEMPORAL_ORDERED) {
            feedOrdered(rule, group, window, match);
            return;
        }
        window.addLast(match);
        long measure = measure(c, window);
        if (c.satisfied(measure)) {
            fire(rule, group, time, window, measure);
            window.clear();
        }
    }

    /** Ordered sequence: a match extends the sequence only if it is the next expected step. */
    private void feedOrdered(Rule rule, Map<String, String> group, Deque<Match> window, Match match) {
        int next = window.isEmpty() ? 0 : window.peekLast().position() + 1;
        if (match.position() == next) {
            window.addLast(match);
        } else if (match.position() == 0 && window.isEmpty()) {
            window.addLast(match);
        } else {
            return;
        }
        Correlation c = rule.correlation();
        if (window.size() == c.rules().size()) {
            fire(rule, group, match.time(), window, window.size());
            window.clear();
        }
    }

    private static long measure(Correlation c, Deque<Match> window) {
        return switch (c.type()) {
            case EVENT_COUNT -> window.size();
            case VALUE_COUNT -> window.stream().map(Match::value).distinct().count();
            case TEMPORAL, TEMPORAL_ORDERED -> window.stream().map(Match::position).distinct().count();
        };
    }

    private void judgeClosed(Rule rule, Map<String, String> group, Deque<Match> window) {
        long measure = measure(rule.correlation(), window);
        if (rule.correlation().satisfied(measure)) {
            fire(rule, group, window.peekLast().time(), window, measure);
        }
    }

    private void fire(Rule rule, Map<String, String> group, long time, Deque<Match> window, long measure) {
        String what = switch (rule.correlation().type()) {
            case EVENT_COUNT -> measure + " events";
            case VALUE_COUNT -> measure + " distinct " + rule.correlation().valueField();
            case TEMPORAL, TEMPORAL_ORDERED -> measure + " of " + rule.correlation().rules().size() + " rules";
        };
        onFire.accept(new Firing(rule, group, time, List.copyOf(window), what));
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
            windows.get(index).computeIfAbsent(m.group(), k -> new Window(group, new ArrayDeque<>())).matches()
                    .addLast(new Match(m.time(), m.position(), m.value(),
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
                Deque<Match> matches = window.matches();
                if (c.judgedAtWindowEnd()) {
                    if (!matches.isEmpty() && now - matches.peekFirst().time() > c.timespanMillis()) {
                        judgeClosed(rule, window.group(), matches);
                        matches.clear();
                    }
                } else {
                    while (!matches.isEmpty() && now - matches.peekFirst().time() > c.timespanMillis()) {
                        matches.removeFirst();
                    }
                }
                if (matches.isEmpty()) {
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
                if (!window.matches().isEmpty()) {
                    judgeClosed(rule, window.group(), window.matches());
                }
                it.remove();
            }
        }
    }
}
