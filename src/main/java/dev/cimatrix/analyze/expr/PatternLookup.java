package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.ContextPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link TaintLookup#over}: the sources of the patterns that match a path or that it holds, found by a hash lookup
 * for the patterns written without {@code *} (nearly all: {@code env.title}, {@code steps.meta.outputs.tag}) and a
 * scan of the others, so that a job of thousands of steps does not compare every path with every earlier output.
 * The map may gain entries after the lookup is made, not lose them; sources come out in the map's order.
 */
public final class PatternLookup implements TaintLookup {
    private final Map<String, Set<String>> byPattern;
    /** How many of the map's entries are indexed. */
    private int indexed;
    /** The position in the map of each pattern without {@code *}. */
    private final Map<String, Integer> plain = new HashMap<>();
    /** Every proper prefix of a plain pattern ({@code steps}, {@code steps.meta}): paths that may hold one. */
    private final Set<String> prefixes = new HashSet<>();
    /** The patterns with a {@code *}, and their positions. */
    private final List<String> wild = new ArrayList<>();
    private final List<Integer> wildOrder = new ArrayList<>();

    PatternLookup(Map<String, Set<String>> byPattern) {
        this.byPattern = byPattern;
    }

    /** One index over a map, read through lookups that each see some of its patterns. */
    public interface Index {
        /** A lookup that sees only the patterns {@code visible} accepts. */
        TaintLookup visible(java.util.function.Predicate<String> visible);
    }

    /** An index over a map of lower-case patterns that may gain entries later, shared by the lookups it makes. */
    public static Index index(Map<String, Set<String>> byPattern) {
        PatternLookup lookup = new PatternLookup(byPattern);
        return visible -> path -> lookup.sourcesAt(path, visible);
    }

    @Override
    public Set<String> sourcesAt(String path) {
        return sourcesAt(path, pattern -> true);
    }

    private Set<String> sourcesAt(String path, java.util.function.Predicate<String> visible) {
        index();
        if (path.indexOf('*') >= 0) {
            return scan(path, visible);
        }
        List<Hit> hits = new ArrayList<>(2);
        Integer exact = plain.get(path);
        if (exact != null) {
            hits.add(new Hit(exact, path));
        }
        if (prefixes.contains(path)) {
            String inside = path + ".";
            plain.forEach((pattern, order) -> {
                if (pattern.startsWith(inside)) {
                    hits.add(new Hit(order, pattern));
                }
            });
        }
        for (int i = 0; i < wild.size(); i++) {
            String pattern = wild.get(i);
            if (ContextPaths.matches(pattern, path) || ContextPaths.holds(path, pattern)) {
                hits.add(new Hit(wildOrder.get(i), pattern));
            }
        }
        if (hits.size() > 1) {
            hits.sort((a, b) -> Integer.compare(a.order(), b.order()));
        }
        Set<String> found = new LinkedHashSet<>();
        for (Hit hit : hits) {
            if (visible.test(hit.pattern())) {
                found.addAll(byPattern.get(hit.pattern()));
            }
        }
        return found;
    }

    /** A pattern that a path matches or holds, and its position in the map. */
    private record Hit(int order, String pattern) {
    }

    /** A path with a {@code *} of its own: every pattern compared, as written. */
    private Set<String> scan(String path, java.util.function.Predicate<String> visible) {
        Set<String> found = new LinkedHashSet<>();
        byPattern.forEach((pattern, sources) -> {
            if (visible.test(pattern) && (ContextPaths.matches(pattern, path) || ContextPaths.holds(path, pattern))) {
                found.addAll(sources);
            }
        });
        return found;
    }

    /** Indexes the entries added since the last lookup. */
    private void index() {
        if (byPattern.size() == indexed) {
            return;
        }
        Iterator<String> keys = byPattern.keySet().iterator();
        for (int skip = 0; skip < indexed; skip++) {
            keys.next();
        }
        for (int order = indexed; keys.hasNext(); order++) {
            String pattern = keys.next();
            if (pattern.indexOf('*') >= 0) {
                wild.add(pattern);
                wildOrder.add(order);
            } else {
                plain.put(pattern, order);
                for (int dot = pattern.indexOf('.'); dot >= 0; dot = pattern.indexOf('.', dot + 1)) {
                    prefixes.add(pattern.substring(0, dot));
                }
            }
        }
        indexed = byPattern.size();
    }
}
