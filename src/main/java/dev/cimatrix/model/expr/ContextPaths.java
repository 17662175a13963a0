package dev.cimatrix.model.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dotted path a context access reads, in lower case: {@code github.event.pull_request.title},
 * {@code steps.meta.outputs.tag}, {@code github.event.commits.*.message}. An index by a string literal is a
 * property; an index by anything else and a {@code *} filter are the segment {@code *}.
 */
public final class ContextPaths {
    public static final String ANY = "*";

    private ContextPaths() {
    }

    /** The path of a context access, or empty when {@code expr} is not a chain of accesses on a context. */
    public static Optional<String> of(Expr expr) {
        StringBuilder path = new StringBuilder();
        return append(expr, path) ? Optional.of(path.toString()) : Optional.empty();
    }

    /** Every context path the expression reads anywhere in it (arguments, operands, indexes), in order. */
    public static List<String> readBy(Expr expr) {
        List<String> out = new ArrayList<>();
        collect(expr, out);
        return out;
    }

    private static void collect(Expr expr, List<String> out) {
        Optional<String> path = of(expr);
        if (path.isPresent()) {
            out.add(path.get());
            if (expr instanceof Index i) {
                collect(i.index(), out);
            }
            return;
        }
        expr.children().forEach(child -> collect(child, out));
    }

    /**
     * The path an access chain on {@code fromJSON} reads when what it parses is the JSON of a context ({@code jsonRoot}
     * of the parsed path names it): {@code fromJSON(inputs.event).pull_request.head.sha} with {@code inputs.event} set
     * to {@code toJSON(github.event)} reads {@code github.event.pull_request.head.sha}. Empty for anything else.
     */
    public static Optional<String> throughJson(Expr expr, Function<String, Optional<String>> jsonRoot) {
        if (!(expr instanceof Property || expr instanceof Index || expr instanceof Star)) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        return append(expr, path, base -> base instanceof Call c && c.is("fromJSON") && c.args().size() == 1
                ? of(c.args().get(0)).flatMap(jsonRoot).orElse(null) : null)
                ? Optional.of(path.toString()) : Optional.empty();
    }

    /** A chain that starts at a context's name. */
    private static final Function<Expr, String> CONTEXT_NAME = base -> base instanceof ContextName c ? c.name() : null;

    private static boolean append(Expr expr, StringBuilder path) {
        return append(expr, path, CONTEXT_NAME);
    }

    /**
     * Appends the path of an access chain whose start {@code start} names (null for an expression that starts none):
     * each property, index by a string literal and {@code *} after it one segment.
     */
    private static boolean append(Expr expr, StringBuilder path, Function<Expr, String> start) {
        if (expr instanceof Property p) {
            return append(p.target(), path, start) && segment(path, p.name());
        }
        if (expr instanceof Index i) {
            return append(i.target(), path, start)
                    && segment(path, i.index() instanceof Literal l && l.value() instanceof String s ? s : ANY);
        }
        if (expr instanceof Star s) {
            return append(s.target(), path, start) && segment(path, ANY);
        }
        String first = start.apply(expr);
        if (first == null) {
            return false;
        }
        path.append(first);
        return true;
    }

    private static boolean segment(StringBuilder path, String name) {
        path.append('.').append(name.toLowerCase(Locale.ROOT));
        return true;
    }

    /**
     * Whether {@code path} matches {@code pattern}, segment by segment, where a {@code *} in either matches
     * any one segment and a pattern segment such as {@code *_files} any segment with that ending; a pattern
     * ending in {@code .**} also matches every path below it.
     */
    public static boolean matches(String pattern, String path) {
        int p = 0;
        int q = 0;
        while (true) {
            int pe = pattern.indexOf('.', p);
            int qe = path.indexOf('.', q);
            String ps = pattern.substring(p, pe < 0 ? pattern.length() : pe);
            if (ps.equals("**")) {
                return true;
            }
            String qs = path.substring(q, qe < 0 ? path.length() : qe);
            if (!ps.equals(ANY) && !qs.equals(ANY) && !ps.equals(qs) && !endsLike(ps, qs)) {
                return false;
            }
            if (pe < 0 || qe < 0) {
                return pe < 0 && qe < 0;
            }
            p = pe + 1;
            q = qe + 1;
        }
    }

    /** Whether the pattern segment is {@code *} and an ending ({@code *_files}) that the path segment has. */
    private static boolean endsLike(String patternSegment, String pathSegment) {
        return patternSegment.length() > 1 && patternSegment.charAt(0) == '*'
                && pathSegment.endsWith(patternSegment.substring(1));
    }

    /**
     * Whether {@code path} names an object that holds values matching {@code pattern}: it is a shorter path
     * whose segments match the pattern's first segments ({@code github.event} holds
     * {@code github.event.issue.title}).
     */
    public static boolean holds(String path, String pattern) {
        int segments = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.') {
                segments++;
            }
        }
        int cut = -1;
        for (int i = 0; i < segments; i++) {
            cut = pattern.indexOf('.', cut + 1);
            if (cut < 0) {
                return false;
            }
        }
        return matches(pattern.substring(0, cut), path);
    }
}
