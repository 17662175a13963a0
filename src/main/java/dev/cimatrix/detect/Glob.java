package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sigma string values: {@code *} and {@code ?} wildcards, a backslash escaping {@code *}, {@code ?} and itself (and
 * standing for itself before anything else). Compiled to the cheapest matcher that does the job.
 */
final class Glob {
    private Glob() {
    }

    /** A literal run of text, or one wildcard. */
    record Part(String literal, char wildcard) {
        static final Part STAR = new Part(null, '*');
        static final Part ONE = new Part(null, '?');

        boolean isStar() {
            return literal == null && wildcard == '*';
        }
    }

    static List<Part> parse(String value, boolean wildcards) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (wildcards && c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    literal.append(next);
                    i++;
                    continue;
                }
            }
            if (wildcards && (c == '*' || c == '?')) {
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), '\0'));
                    literal.setLength(0);
                }
                parts.add(c == '*' ? Part.STAR : Part.ONE);
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(new Part(literal.toString(), '\0'));
        }
        return parts;
    }

    /** Adds a leading and/or trailing star (the contains, startswith and endswith modifiers). */
    static List<Part> surround(List<Part> parts, boolean before, boolean after) {
        List<Part> out = new ArrayList<>();
        if (before && !(parts.get(0).isStar())) {
            out.add(Part.STAR);
        }
        for (Part p : parts) {
            if (!(p.literal() != null && p.literal().isEmpty())) {
                out.add(p);
            }
        }
        if (after && (out.isEmpty() || !out.get(out.size() - 1).isStar())) {
            out.add(Part.STAR);
        }
        if (out.isEmpty()) {
            out.add(new Part("", '\0'));
        }
        return out;
    }

    static ValueMatcher compile(List<Part> parts, boolean cased) {
        int n = parts.size();
        boolean anyWildcard = parts.stream().anyMatch(p -> p.literal() == null);
        if (!anyWildcard) {
            return new ValueMatcher.Equals(fold(joined(parts), cased), cased);
        }
        if (n == 1 && parts.get(0).isStar()) {
            return new ValueMatcher.AnyValue();
        }
        if (n == 2 && parts.get(1).isStar() && parts.get(0).literal() != null) {
            return new ValueMatcher.StartsWith(fold(parts.get(0).literal(), cased), cased);
        }
        if (n == 2 && parts.get(0).isStar() && parts.get(1).literal() != null) {
            return new ValueMatcher.EndsWith(fold(parts.get(1).literal(), cased), cased);
        }
        if (n == 3 && parts.get(0).isStar() && parts.get(2).isStar() && parts.get(1).literal() != null) {
            return new ValueMatcher.Contains(fold(parts.get(1).literal(), cased), cased);
        }
        return wildcards(parts, cased);
    }

    /**
     * Any other pattern: the runs between stars, each as code points with {@link #ANY_ONE} for a {@code ?}. They are
     * matched left to right, each at the first place it fits, which finds a match whenever one exists (a run placed
     * later could only leave less room for the runs after it) in time linear in the value's length for a given
     * pattern: a regular expression of several {@code .*} would backtrack, and a crafted value of a megabyte in a log
     * would then hold detection up for hours.
     */
    static ValueMatcher.Wildcards wildcards(List<Part> parts, boolean cased) {
        List<int[]> runs = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        boolean starFirst = parts.get(0).isStar();
        boolean starLast = parts.get(parts.size() - 1).isStar();
        for (Part p : parts) {
            if (p.isStar()) {
                runs.add(run.stream().mapToInt(Integer::intValue).toArray());
                run.clear();
            } else if (p.literal() == null) {
                run.add(ANY_ONE);
            } else {
                fold(p.literal(), cased).codePoints().forEach(run::add);
            }
        }
        runs.add(run.stream().mapToInt(Integer::intValue).toArray());
        // Runs left empty by stars side by side, or at either end, fit anywhere.
        List<int[]> nonEmpty = runs.stream().filter(r -> r.length > 0).toList();
        return new ValueMatcher.Wildcards(nonEmpty.toArray(new int[0][]), !starFirst, !starLast, cased);
    }

    /** A {@code ?} in a run: any one code point. */
    static final int ANY_ONE = -1;

    private static String joined(List<Part> parts) {
        StringBuilder s = new StringBuilder();
        parts.forEach(p -> s.append(p.literal()));
        return s.toString();
    }

    private static String fold(String s, boolean cased) {
        return cased ? s : s.toLowerCase(Locale.ROOT);
    }
}
