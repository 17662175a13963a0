package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a rule set over log files: reads events into one reused record, tells their source, evaluates that source's
 * compiled rules, checks baselines against the state store, feeds correlations and folds matches into alerts.
 * Single-threaded; one detector per run.
 */
public final class Detector {
    /**
     * @param source         the log source to assume for every event, or null to recognise each event's shape
     * @param learnDays      baseline rules learn without alerting for this many days of event time (0 = off)
     * @param dedupWindowMillis matches of one rule and group within this event time fold into one alert
     * @param maxEventBytes  larger events are skipped with a note
     * @param alertLimit     the alerts listed of one rule, in a file read to its end; those past it are counted
     *                       (0: no limit)
     */
    public record Options(EventSource source, int learnDays, long dedupWindowMillis, int maxEventBytes,
                          int alertLimit) {
        /**
         * Enough for any rule a person will read through, and few enough that a log flooded with events that
         * alert (to hide one among them, or to make the run fail for memory) costs little.
         */
        public static final int DEFAULT_ALERT_LIMIT = 10_000;

        public Options(EventSource source, int learnDays, long dedupWindowMillis, int maxEventBytes) {
            this(source, learnDays, dedupWindowMillis, maxEventBytes, DEFAULT_ALERT_LIMIT);
        }

        public static Options defaults() {
            return new Options(null, 0, 3_600_000L, LogReader.DEFAULT_MAX_EVENT_BYTES);
        }
    }

    private static final long DAY_MILLIS = 86_400_000L;
    private static final String KEY_SEPARATOR = "\u001f";
    /**
     * What can no longer change is let go this often, in events or in a minute of event time, whichever comes
     * first: a followed log has no end at which to let go of it, and a long file would otherwise hold a window for
     * every group it ever saw (a log of a million accounts, each cloning once, held a million).
     */
    private static final int SWEEP_EVENTS = 4096;
    private static final long SWEEP_MILLIS = 60_000L;
    /**
     * A stream's present is the earliest time among its last events, not the latest: a forged or broken timestamp
     * far ahead, in fewer lines than this, cannot make every group's window look closed.
     */
    private static final int RECENT_TIMES = 64;

    private final RuleSet rules;
    private final Options options;
    private final DetectionState state;
    private final Consumer<Alert> onNewAlert;
    private final DetectStats stats = new DetectStats();
    private final EventRecord record;
    private final LogReader reader;
    /** Parses the events {@link #order} hands back, into a record of its own. */
    private final LogReader rereader;
    private final OldestFirst order;
    private final CorrelationEngine correlations;
    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, Alert> openAlerts = new HashMap<>();
    /** The alerts of each rule so far, listed or not (see {@link Options#alertLimit}). */
    private final Map<String, Integer> listed = new HashMap<>();
    private long lastTime = 0;
    private long learningEnds = Long.MIN_VALUE;
    /** Set while a followed log is read: its alerts are handed to {@code onNewAlert} and not kept. */
    private boolean streaming;
    /**
     * Alerts past their dedup window and correlation windows past their timespan are let go as the input goes on (a
     * window judged at its end is judged then), so a run over weeks of events holds only what may still change.
     */
    private int eventsSinceSweep;
    private long lastSweepTime = 0;
    private final long[] recentTimes = new long[RECENT_TIMES];
    private long timedEvents;

    /**
     * @param state      the baseline store, or null: baseline rules then never alert, having no history
     * @param onNewAlert told of each alert once its first events are in (later matches fold into it)
     */
    public Detector(RuleSet rules, Options options, DetectionState state, Consumer<Alert> onNewAlert) {
        this.rules = rules;
        this.options = options;
        this.state = state;
        this.onNewAlert = onNewAlert;
        this.record = new EventRecord(rules.table().size());
        this.reader = new LogReader(new SlotReader(rules.table()), record, options.maxEventBytes(), stats);
        this.rereader = new LogReader(new SlotReader(rules.table()), new EventRecord(rules.table().size()),
                options.maxEventBytes(), stats);
        this.order = new OldestFirst(this::reread, stats, reader.progress(), null);
        this.correlations = new CorrelationEngine(rules.correlations(), this::correlationFired);
        if (state != null && !rules.correlations().isEmpty()) {
            // Thresholds and sequences go on from where the last run left them.
            correlations.restore(state.openMatches());
        }
    }

    /** Reads a file to its end, or with {@code follow} until {@code stop} returns true. */
    public void read(Path file, String label, boolean follow, BooleanSupplier stop) {
        streaming = follow;
        // A followed log that waits for more lines commits what it has taught the baselines when that is due.
        BooleanSupplier waiting = state == null ? stop : () -> {
            state.commitIfDue();
            return stop.getAsBoolean();
        };
        order.startFile(label, !follow);
        try {
            reader.read(file, label, this::accept, follow, false, waiting);
        } finally {
            order.endFile();
            streaming = false;
        }
    }

    /**
     * Reads a file found in a folder of logs, which may hold other files too (a README, a manifest): one that does
     * not start as JSON is skipped with one note rather than a parse error on every line.
     */
    public void readFoundInFolder(Path file, String label) {
        order.startFile(label, true);
        try {
            reader.read(file, label, this::accept, false, true, () -> true);
        } finally {
            order.endFile();
        }
    }

    /** How far reading has got, safe to read from another thread while {@link #read} runs. */
    public ReadProgress progress() {
        return reader.progress();
    }

    /**
     * Ends the input: correlation windows that are judged at their end are judged now, and with a state store the
     * windows still open are kept in it for the next run, without the matches already past their timespan, which
     * the next run would drop unread (or, for a group it does not see, keep forever).
     */
    public void finish() {
        correlations.finish();
        if (timedEvents > 0) {
            correlations.expire(present());
        }
        if (state != null && !rules.correlations().isEmpty()) {
            state.replaceOpenMatches(correlations.openMatches());
        }
    }

    /** The alerts of the logs read to their end; those of a followed log went to {@code onNewAlert} only. */
    public List<Alert> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    public DetectStats stats() {
        return stats;
    }

    private void accept(EventRecord event, byte[] bytes, int offset, int length) {
        EventSource source = sourceOf(event);
        if (source == null) {
            stats.problem(new InputProblem(event.file(), event.line(), InputProblem.Kind.UNKNOWN_SHAPE,
                    "no known log source has this shape; --source names one"));
            return;
        }
        long time = rules.eventTime().of(event, source);
        if (!order.holds(bytes, offset, length, event.line(), time)) {
            evaluate(event, source, time, bytes, offset, length);
        }
    }

    private EventSource sourceOf(EventRecord event) {
        return options.source() != null ? options.source() : rules.classifier().classify(event);
    }

    /** An event held back by {@link #order}, handed back in its turn: parsed again, then evaluated. */
    private void reread(byte[] bytes, int offset, int length, long line) {
        rereader.reread(bytes, offset, length, order.label(), line, (event, b, o, l) -> {
            // The same bytes as when first read, so the same source; the check only keeps a surprise from throwing.
            EventSource source = sourceOf(event);
            if (source != null) {
                evaluate(event, source, rules.eventTime().of(event, source), b, o, l);
            }
        });
    }

    /** Evaluates the rules on an event of a known source; {@code time} is its own, or unknown. */
    private void evaluate(EventRecord event, EventSource source, long time, byte[] bytes, int offset, int length) {
        if (time == EventTime.UNKNOWN) {
            time = lastTime;
        } else {
            lastTime = time;
        }
        event.source(source);
        event.time(time);
        stats.event(source);
        AlertEvent captured = null;
        for (RuleSet.Compiled compiled : rules.candidates(source, event)) {
            if (!compiled.test().test(event)) {
                continue;
            }
            stats.ruleMatch();
            if (compiled.baselineKey() != null && !baselineAlerts(compiled, event, time)) {
                continue;
            }
            if (captured == null) {
                // Decoded once the event is known to be kept: most baseline matches are values seen before.
                captured = new AlertEvent(event.file(), event.line(), time,
                        new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
            Map<String, List<String>> matched = new LinkedHashMap<>();
            compiled.test().collectMatched(event, matched);
            for (RuleSet.Binding binding : compiled.bindings()) {
                correlations.feed(binding, event, time, captured, matched);
            }
            if (!compiled.silenced()) {
                raise(compiled.rule(), group(compiled, event), time, captured, matched);
            }
        }
        if (event.gaveUp() != null) {
            stats.problem(new InputProblem(event.file(), event.line(), InputProblem.Kind.MATCH_GAVE_UP,
                    "the regular expression " + abbreviated(event.gaveUp()) + " took too many steps over a value of "
                            + "this event and was taken as not matching"));
        }
        recentTimes[(int) (timedEvents++ % RECENT_TIMES)] = time;
        if (++eventsSinceSweep >= SWEEP_EVENTS || time - lastSweepTime >= SWEEP_MILLIS) {
            sweep(time);
        }
    }

    /** A regular expression as a problem names it: its start, when it is long. */
    private static String abbreviated(String regex) {
        return "'" + (regex.length() > 60 ? regex.substring(0, 60) + "…" : regex) + "'";
    }

    /**
     * Lets go of the alerts and correlation windows that no event from the stream's present on can add to.
     * {@code time}, the latest event's, only times the next sweep.
     */
    private void sweep(long time) {
        long present = present();
        eventsSinceSweep = 0;
        lastSweepTime = time;
        openAlerts.values().removeIf(alert -> present - alert.firstTime() > options.dedupWindowMillis());
        correlations.expire(present);
        if (state != null) {
            // A log that is never waited on (it grows faster than it is read) still commits on time.
            state.commitIfDue();
        }
    }

    /** The earliest time among the stream's last events (see {@link #RECENT_TIMES}). */
    private long present() {
        long present = Long.MAX_VALUE;
        for (int i = 0, n = (int) Math.min(timedEvents, RECENT_TIMES); i < n; i++) {
            present = Math.min(present, recentTimes[i]);
        }
        return present;
    }

    /** Alerts that later matches may still fold into; for tests. */
    int openAlertCount() {
        return openAlerts.size();
    }

    /** Correlation windows holding matches or waiting for them; for tests. */
    int openWindowCount() {
        return correlations.windowCount();
    }

    private Map<String, String> group(RuleSet.Compiled compiled, EventRecord event) {
        Map<String, String> group = new LinkedHashMap<>();
        int[] slots = compiled.groupSlots();
        for (int slot : slots) {
            List<String> values = event.texts(slot);
            if (!values.isEmpty()) {
                group.put(rules.table().path(slot), String.join(",", values));
            }
        }
        return group;
    }

    /** Records the baseline observation; true when the value is rare enough and learning is over. */
    private boolean baselineAlerts(RuleSet.Compiled compiled, EventRecord event, long time) {
        String key = joined(event, compiled.baselineKey());
        String value = joined(event, compiled.baselineValue());
        if (key == null || value == null) {
            return false;
        }
        if (state == null) {
            // Without a store there is no history to be new against (the command says so when it runs without one).
            return false;
        }
        long seenBefore = state.observe(compiled.rule().key(), key, value, time);
        if (seenBefore >= compiled.rule().baseline().rarerThan()) {
            return false;
        }
        if (learning(time)) {
            stats.suppressedWhileLearning();
            return false;
        }
        return true;
    }

    private boolean learning(long time) {
        if (options.learnDays() <= 0) {
            return false;
        }
        if (learningEnds == Long.MIN_VALUE) {
            long start = state.learningStart().orElse(Long.MIN_VALUE);
            if (start == Long.MIN_VALUE) {
                start = time;
                state.learningStart(start);
            }
            learningEnds = start + options.learnDays() * DAY_MILLIS;
        }
        return time < learningEnds;
    }

    private static String joined(EventRecord event, int[] slots) {
        if (slots.length == 1) {
            // Most baseline keys and values are one field holding one value: that value, as it is.
            String single = event.text(slots[0]);
            if (single != null) {
                return single;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            List<String> values = event.texts(slots[i]);
            if (values.isEmpty()) {
                return null;
            }
            if (i > 0) {
                s.append(KEY_SEPARATOR);
            }
            s.append(String.join(",", values));
        }
        return s.toString();
    }

    private void correlationFired(CorrelationEngine.Firing firing) {
        Alert alert = alertFor(firing.rule(), firing.group(), firing.time());
        boolean isNew = alert.eventCount() == 0;
        firing.addTo(alert);
        alert.summary(firing.summary());
        if (isNew) {
            onNewAlert.accept(alert);
        }
    }

    private void raise(Rule rule, Map<String, String> group, long time, AlertEvent event,
                       Map<String, List<String>> matched) {
        Alert alert = alertFor(rule, group, time);
        boolean isNew = alert.eventCount() == 0;
        alert.add(event, matched);
        if (isNew) {
            onNewAlert.accept(alert);
        }
    }

    /** The open alert of this rule and group if it is within the window, else a new one. */
    private Alert alertFor(Rule rule, Map<String, String> group, long time) {
        String key = rule.key() + KEY_SEPARATOR + group;
        Alert open = openAlerts.get(key);
        if (open != null && Math.abs(time - open.firstTime()) <= options.dedupWindowMillis()) {
            return open;
        }
        Alert alert = new Alert(rule, group, time);
        if (!streaming) {
            if (options.alertLimit() > 0 && listed.merge(rule.key(), 1, Integer::sum) > options.alertLimit()) {
                // Still open, so that the group's later matches fold into it rather than count again.
                stats.alertNotListed(rule.key());
            } else {
                alerts.add(alert);
            }
        }
        openAlerts.put(key, alert);
        return alert;
    }
}
