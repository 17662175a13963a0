package dev.cimatrix.paths;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Enumerates attack paths from every entry point (persona) to every asset, best first.
 *
 * <p>The search is best-first over partial paths: a partial path's priority is its likelihood times the
 * largest impact of any asset, which no extension can beat (likelihoods are at most 1), so complete paths
 * leave the queue in the order of their score and the search stops as soon as enough are found. Ties are
 * broken by length (shorter first) and then by the order moves were added, which follows the sorted
 * graph: the same graph always gives the same paths in the same order.
 *
 * <p>Paths are simple (no node twice). Between two nodes only the likeliest move is followed, so two
 * paths never differ only by a parallel move (duplicates). A path is dominated, and dropped, when an
 * already kept path between the same entry and asset visits a subsequence of its nodes: the detour adds
 * nothing an attacker needs.
 */
public final class PathFinder {
    private PathFinder() {
    }

    /** The result of a search; {@code truncated} when the expansion limit stopped it early. */
    public record Result(List<AttackPath> paths, boolean truncated, long expanded) {
        public Result {
            paths = List.copyOf(paths);
        }
    }

    private record Partial(Partial parent, Move move, String node, int length, double likelihood, double priority,
                           long order) {
        boolean visits(String nodeId) {
            for (Partial p = this; p != null; p = p.parent) {
                if (p.node.equals(nodeId)) {
                    return true;
                }
            }
            return false;
        }

        List<Move> moves() {
            List<Move> out = new ArrayList<>(length);
            for (Partial p = this; p.move != null; p = p.parent) {
                out.add(0, p.move);
            }
            return out;
        }

        Partial root() {
            Partial p = this;
            while (p.parent != null) {
                p = p.parent;
            }
            return p;
        }
    }

    private static final Comparator<Partial> BEST_FIRST = Comparator.comparingDouble(Partial::priority).reversed()
            .thenComparingInt(Partial::length)
            .thenComparingLong(Partial::order);

    public static Result find(AttackGraph graph, PathLimits limits) {
        double maxImpact = graph.nodes(NodeKind.ASSET).stream().mapToDouble(Node::impact).max().orElse(0);
        PriorityQueue<Partial> queue = new PriorityQueue<>(BEST_FIRST);
        long order = 0;
        for (Node entry : graph.nodes(NodeKind.PERSONA)) {
            queue.add(new Partial(null, null, entry.id(), 0, 1.0, maxImpact, order++));
        }
        Map<String, List<List<String>>> keptByPair = new HashMap<>();
        // Worked out once per node: a node reached by thousands of partial paths may have thousands of parallel
        // moves (a token every job of a large workflow holds), and sifting them at every visit is quadratic.
        Map<String, List<Move>> choices = new HashMap<>();
        List<AttackPath> found = new ArrayList<>();
        long expanded = 0;
        boolean truncated = false;
        while (!queue.isEmpty() && found.size() < limits.maxPaths()) {
            if (expanded >= limits.maxExpansions()) {
                truncated = true;
                break;
            }
            Partial current = queue.poll();
            expanded++;
            Node node = graph.node(current.node).orElseThrow();
            if (node.kind() == NodeKind.ASSET) {
                keep(graph, current, node, limits, keptByPair, found);
                continue;
            }
            if (current.length >= limits.maxLength()) {
                continue;
            }
            for (Move move : choices.computeIfAbsent(current.node, n -> likeliestPerTarget(graph.outgoing(n)))) {
                if (current.visits(move.to())) {
                    continue;
                }
                Node next = graph.node(move.to()).orElseThrow();
                if (next.kind() == NodeKind.PERSONA) {
                    continue;
                }
                double likelihood = current.likelihood * move.likelihood();
                double priority = likelihood * (next.kind() == NodeKind.ASSET ? next.impact() : maxImpact);
                queue.add(new Partial(current, move, move.to(), current.length + 1, likelihood, priority, order++));
            }
        }
        return new Result(found, truncated, expanded);
    }

    private static void keep(AttackGraph graph, Partial done, Node asset, PathLimits limits,
                             Map<String, List<List<String>>> keptByPair, List<AttackPath> found) {
        Node entry = graph.node(done.root().node).orElseThrow();
        List<Move> moves = done.moves();
        List<String> nodes = new ArrayList<>();
        nodes.add(entry.id());
        moves.forEach(m -> nodes.add(m.to()));
        List<List<String>> kept = keptByPair.computeIfAbsent(entry.id() + "\u0000" + asset.id(), k -> new ArrayList<>());
        if (kept.size() >= limits.maxPerPair()) {
            return;
        }
        for (List<String> better : kept) {
            if (isSubsequence(better, nodes)) {
                return;
            }
        }
        kept.add(nodes);
        double score = Math.round(done.likelihood * asset.impact() * 1000) / 100.0;
        found.add(new AttackPath("P" + (found.size() + 1), score, done.likelihood, asset.impact(), entry, asset, moves));
    }

    /** True when every element of {@code shorter} appears in {@code longer} in the same order. */
    static boolean isSubsequence(List<String> shorter, List<String> longer) {
        int i = 0;
        for (String s : longer) {
            if (i < shorter.size() && shorter.get(i).equals(s)) {
                i++;
            }
        }
        return i == shorter.size();
    }

    /** Of parallel moves to the same node, the likeliest (the first in graph order on a tie). */
    private static List<Move> likeliestPerTarget(List<Move> moves) {
        Map<String, Move> best = new LinkedHashMap<>();
        for (Move m : moves) {
            Move known = best.get(m.to());
            if (known == null || m.likelihood() > known.likelihood()) {
                best.put(m.to(), m);
            }
        }
        return List.copyOf(best.values());
    }
}
