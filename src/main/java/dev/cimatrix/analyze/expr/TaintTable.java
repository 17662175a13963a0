package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.expr.TaintEntry.Confidence;
import dev.cimatrix.model.expr.ContextPaths;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which context paths an outside attacker controls, read from {@code analyze/github-taint.yaml} (see that
 * file for the format and docs/taint.md for the table in prose).
 */
public final class TaintTable {
    public static final String RESOURCE = "analyze/github-taint.yaml";

    private static final class Holder {
        static final TaintTable DEFAULT = load(DataResource.open(RESOURCE), RESOURCE);
    }

    /** Paths repeat across a scan, so decisions are kept, up to a bound that hostile input cannot exceed. */
    private static final int MAX_CACHED_DECISIONS = 10_000;

    private final List<TaintEntry> entries;
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

    private TaintTable(List<TaintEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table shipped with cimatrix, loaded on first use. */
    public static TaintTable github() {
        return Holder.DEFAULT;
    }

    public List<TaintEntry> entries() {
        return entries;
    }

    /**
     * The entry that decides {@code path}: among the entries whose pattern matches it or contains it, the
     * most specific, a safe one winning a tie; else, when {@code path} is an object holding a tainted
     * entry, that entry; else empty (the table says nothing about the path).
     */
    public Optional<TaintEntry> find(String path) {
        return decision(path).deciding();
    }

    /**
     * Whether the value at {@code path} (a source the lookups name) is text of one line without spaces: its
     * deciding entry says so, and it is not an object holding other entries.
     */
    public boolean oneLine(String path) {
        Decision decision = decision(path);
        return decision.held().isEmpty() && decision.deciding().map(TaintEntry::oneLine).orElse(false);
    }

    /**
     * The tainted entries behind {@code path} when the workflow runs on one of {@code triggers}: the
     * deciding entry, or for an object every tainted entry it holds.
     */
    public List<TaintEntry> taintedUnder(String path, Set<String> triggers) {
        Decision decision = decision(path);
        if (decision.deciding().isEmpty() || !decision.deciding().get().tainted()) {
            return List.of();
        }
        if (decision.held().isEmpty()) {
            TaintEntry deciding = decision.deciding().get();
            return deciding.taintedUnder(triggers) ? List.of(deciding) : List.of();
        }
        List<TaintEntry> held = new ArrayList<>();
        for (TaintEntry entry : decision.held()) {
            if (entry.taintedUnder(triggers)) {
                held.add(entry);
            }
        }
        return held;
    }

    /**
     * How sure the table is that an outsider writes the value at {@code path} under one of {@code triggers}:
     * the surest of the entries behind it, or empty when none is tainted there.
     */
    public Optional<TaintEntry.Confidence> confidence(String path, Set<String> triggers) {
        TaintEntry.Confidence surest = null;
        for (TaintEntry entry : taintedUnder(path, triggers)) {
            if (surest == null || entry.confidence().compareTo(surest) < 0) {
                surest = entry.confidence();
            }
        }
        return Optional.ofNullable(surest);
    }

    /**
     * How the table decides a path, whatever the triggers. {@code held} is empty when an entry covers the
     * path itself, and lists the tainted entries below it when the path is an object holding them.
     */
    private record Decision(Optional<TaintEntry> deciding, List<TaintEntry> held) {
    }

    private Decision decision(String path) {
        Decision known = decisions.get(path);
        if (known != null) {
            return known;
        }
        Decision decided = decide(path);
        if (decisions.size() < MAX_CACHED_DECISIONS) {
            decisions.put(path, decided);
        }
        return decided;
    }

    private Decision decide(String path) {
        TaintEntry best = null;
        for (TaintEntry entry : entries) {
            if (covers(entry.path(), path) && (best == null || moreSpecific(entry, best))) {
                best = entry;
            }
        }
        if (best != null) {
            return new Decision(Optional.of(best), List.of());
        }
        List<TaintEntry> held = new ArrayList<>();
        for (TaintEntry entry : entries) {
            if (entry.tainted() && ContextPaths.holds(path, entry.path())) {
                held.add(entry);
            }
        }
        return held.isEmpty() ? new Decision(Optional.empty(), List.of()) : new Decision(Optional.of(held.get(0)), held);
    }

    /** Whether the pattern matches {@code path} or a value {@code path} lies in ({@code github.sha.x}). */
    private static boolean covers(String pattern, String path) {
        // holds() compares segment by segment with wildcards on either side, so it also works this way round.
        return ContextPaths.matches(pattern, path) || ContextPaths.holds(pattern, path);
    }

    private static boolean moreSpecific(TaintEntry candidate, TaintEntry best) {
        int a = candidate.literalSegments();
        int b = best.literalSegments();
        if (a != b) {
            return a > b;
        }
        int la = candidate.path().split("\\.").length;
        int lb = best.path().split("\\.").length;
        if (la != lb) {
            return la > lb;
        }
        return !candidate.tainted() && best.tainted();
    }

    /** Reads a table in the format of {@link #RESOURCE}; {@code label} names the source in errors. */
    public static TaintTable load(Reader reader, String label) {
        Object root = DataResource.parse(reader, label);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(label + ": expected a mapping with 'tainted' and 'safe'");
        }
        List<TaintEntry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String section : List.of("tainted", "safe")) {
            if (!(map.get(section) instanceof List<?> list)) {
                throw new IllegalArgumentException(label + ": expected a list '" + section + "'");
            }
            for (int i = 0; i < list.size(); i++) {
                String where = label + ": " + section + "[" + i + "]";
                TaintEntry entry = entry(list.get(i), section.equals("tainted"), where);
                if (!seen.add(entry.path())) {
                    throw new IllegalArgumentException(where + ": " + entry.path() + " is listed twice");
                }
                entries.add(entry);
            }
        }
        return new TaintTable(entries);
    }

    private static TaintEntry entry(Object item, boolean tainted, String where) {
        if (!(item instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        String path = text(fields, "path", where);
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + ": path " + path + " must be lower case");
        }
        String reason = text(fields, "reason", where);
        if (!tainted) {
            return new TaintEntry(path, false, Set.of(), Confidence.HIGH, reason, false);
        }
        if (!(fields.get("triggers") instanceof Collection<?> triggers) || triggers.isEmpty()) {
            throw new IllegalArgumentException(where + ": a tainted entry needs a list of triggers");
        }
        Set<String> names = new LinkedHashSet<>();
        triggers.forEach(t -> names.add(String.valueOf(t)));
        Confidence confidence;
        try {
            confidence = Confidence.valueOf(text(fields, "confidence", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": confidence is high, medium or low", e);
        }
        Object oneLine = fields.get("oneLine");
        if (oneLine != null && !(oneLine instanceof Boolean)) {
            throw new IllegalArgumentException(where + ": oneLine is true or false");
        }
        return new TaintEntry(path, true, names, confidence, reason, Boolean.TRUE.equals(oneLine));
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        if (!(fields.get(key) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return value.strip();
    }
}
