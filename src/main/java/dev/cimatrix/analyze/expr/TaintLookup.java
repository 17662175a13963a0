package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.ContextPaths;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the value at a context path comes from, as far as an attacker is concerned. The caller composes
 * the event table with what it knows about indirection: an {@code env} variable, a step or job output or
 * an input written from tainted data carries that data's sources.
 */
@FunctionalInterface
public interface TaintLookup {
    /**
     * The attacker-controlled source paths behind the value at {@code path} (lower case, {@code *} for an
     * element or key not known statically); empty when the value is safe or not attacker-controlled.
     */
    Set<String> sourcesAt(String path);

    /**
     * The context path whose JSON the value at {@code path} is, when it is known to be exactly that (an input every
     * caller sets to {@code toJSON(github.event)}): {@code fromJSON} of it reads that context's fields, each with its
     * own taint. Empty by default.
     */
    default Optional<String> jsonRoot(String path) {
        return Optional.empty();
    }

    /** Nothing tainted, and the context each path in {@code roots} is the JSON of ({@link #jsonRoot}). */
    static TaintLookup jsonRoots(Map<String, String> roots) {
        if (roots.isEmpty()) {
            return none();
        }
        Map<String, String> copy = Map.copyOf(roots);
        return new TaintLookup() {
            @Override
            public Set<String> sourcesAt(String path) {
                return Set.of();
            }

            @Override
            public Optional<String> jsonRoot(String path) {
                return Optional.ofNullable(copy.get(path));
            }
        };
    }

    /** Nothing is tainted. */
    static TaintLookup none() {
        return path -> Set.of();
    }

    /**
     * {@code github} context paths the table lists as attacker-controlled under one of the workflow's
     * {@code triggers}. The source is the path itself, or for a value inside a listed one
     * ({@code github.head_ref.x}) the listed path. Other contexts are not tainted by this lookup.
     */
    static TaintLookup events(TaintTable table, Set<String> triggers) {
        return path -> {
            if (!path.equals("github") && !path.startsWith("github.")) {
                return Set.of();
            }
            List<TaintEntry> entries = table.taintedUnder(path, triggers);
            if (entries.isEmpty()) {
                return Set.of();
            }
            String listed = entries.get(0).path();
            boolean inside = entries.size() == 1 && !listed.endsWith(".**")
                    && listed.split("\\.").length < path.split("\\.").length;
            return Set.of(inside ? listed : path);
        };
    }

    /**
     * Sources of indirect values, keyed by path pattern such as {@code env.title},
     * {@code steps.meta.outputs.tag} or {@code inputs.*}; keys are compared in lower case. A path that an
     * entry matches has its sources, and an object holding matched paths ({@code toJSON(env)}) has them all.
     */
    static TaintLookup of(Map<String, ? extends Collection<String>> sourcesByPath) {
        Map<String, Set<String>> byPattern = new LinkedHashMap<>();
        sourcesByPath.forEach((pattern, sources) ->
                byPattern.put(pattern.toLowerCase(Locale.ROOT), Set.copyOf(sources)));
        return over(byPattern);
    }

    /**
     * As {@link #of}, over a map read at each lookup rather than copied, so that entries added later are seen (the
     * outputs of the steps before the one being read); its keys must already be in lower case.
     */
    static TaintLookup over(Map<String, Set<String>> byPattern) {
        return new PatternLookup(byPattern);
    }

    /** Sources from this lookup and from {@code other}. */
    default TaintLookup or(TaintLookup other) {
        TaintLookup self = this;
        return new TaintLookup() {
            @Override
            public Set<String> sourcesAt(String path) {
                Set<String> mine = self.sourcesAt(path);
                Set<String> theirs = other.sourcesAt(path);
                if (theirs.isEmpty()) {
                    return mine;
                }
                if (mine.isEmpty()) {
                    return theirs;
                }
                Set<String> both = new LinkedHashSet<>(mine);
                both.addAll(theirs);
                return both;
            }

            @Override
            public Optional<String> jsonRoot(String path) {
                Optional<String> mine = self.jsonRoot(path);
                return mine.isPresent() ? mine : other.jsonRoot(path);
            }
        };
    }
}
