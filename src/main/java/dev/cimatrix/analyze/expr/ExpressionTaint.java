package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which attacker-controlled values flow into the value of an expression, and so into the text that
 * {@code ${{ }}} pastes into a script. Values pass through {@code format}, {@code join}, {@code toJSON},
 * {@code fromJSON}, the operands of {@code &&} and {@code ||} (which return one of them), the values of
 * {@code case}, and accesses into a tainted object. Comparisons, {@code !}, {@code contains},
 * {@code startsWith}, {@code endsWith} and the status functions produce booleans, and {@code hashFiles} a
 * hash: an attacker steers those but cannot inject text through them.
 */
public final class ExpressionTaint {
    private ExpressionTaint() {
    }

    /** The sources whose value flows into {@code expr}'s value, in source order, each once per entry point. */
    public static List<TaintSource> sourcesOf(Expr expr, TaintLookup lookup) {
        Found found = new Found();
        collect(expr, lookup, found);
        return found.sources;
    }

    /**
     * The sources found so far, in order, each source with an equal expression kept once. Indexed by source, as
     * an expression such as {@code toJSON(github.event)} reaches dozens of them.
     */
    private static final class Found {
        final List<TaintSource> sources = new ArrayList<>();
        private Map<String, List<Expr>> sitesBySource;

        void add(String source, Expr at) {
            if (sitesBySource == null) {
                sitesBySource = new HashMap<>();
            }
            List<Expr> sites = sitesBySource.computeIfAbsent(source, k -> new ArrayList<>(1));
            if (!holds(sites, at)) {
                sites.add(at);
                sources.add(new TaintSource(source, at));
            }
        }

        /**
         * Mostly the very expression again (a lookup may name a source twice): asked by identity first, then by
         * span, which equal expressions share, before the deep comparison.
         */
        private static boolean holds(List<Expr> sites, Expr at) {
            for (Expr site : sites) {
                if (site == at || (site.start() == at.start() && site.end() == at.end() && site.equals(at))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void collect(Expr expr, TaintLookup lookup, Found found) {
        if (expr instanceof Literal || expr instanceof Not) {
            return;
        }
        if (expr instanceof Binary b) {
            if (!b.op().isComparison()) {
                collect(b.left(), lookup, found);
                collect(b.right(), lookup, found);
            }
            return;
        }
        if (expr instanceof Call c) {
            call(c, lookup, found);
            return;
        }
        Optional<String> path = ContextPaths.of(expr);
        if (path.isPresent()) {
            for (String source : lookup.sourcesAt(path.get())) {
                found.add(source, expr);
            }
            return;
        }
        // fromJSON of a context's JSON read by path: that context's field, with its own taint.
        Optional<String> throughJson = ContextPaths.throughJson(expr, lookup::jsonRoot);
        if (throughJson.isPresent()) {
            for (String source : lookup.sourcesAt(throughJson.get())) {
                found.add(source, expr);
            }
            return;
        }
        // An access on a computed value, such as fromJSON(x).name: whatever taints the value taints its parts.
        if (expr instanceof Property p) {
            collect(p.target(), lookup, found);
        } else if (expr instanceof Index i) {
            collect(i.target(), lookup, found);
        } else if (expr instanceof Star s) {
            collect(s.target(), lookup, found);
        }
    }

    private static void call(Call c, TaintLookup lookup, Found found) {
        List<Expr> args = c.args();
        switch (c.function().toLowerCase(Locale.ROOT)) {
            case "contains", "startswith", "endswith", "hashfiles", "success", "always", "failure", "cancelled" -> {
            }
            case "case" -> {
                // The conditions only choose; the values and the default are what comes out.
                for (int i = 1; i < args.size(); i += 2) {
                    collect(args.get(i), lookup, found);
                }
                collect(args.get(args.size() - 1), lookup, found);
            }
            // format, join, toJSON, fromJSON, and functions GitHub does not define here: arguments flow through.
            default -> args.forEach(arg -> collect(arg, lookup, found));
        }
    }
}
