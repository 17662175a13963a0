package dev.cimatrix.paths;

import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedMultigraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The attack graph of a system: nodes are entry points, repositories, workflows, jobs, credentials,
 * components and assets; edges are attacker moves labelled with their matrix cell, their evidence and a
 * likelihood. Immutable once built. JGraphT holds the structure; no JGraphT type leaves this class, so
 * readers (reports, tests) depend only on {@link Node} and {@link Move}.
 */
public final class AttackGraph {
    /** Moves in a stable order: by target, then cell, then reason. */
    static final Comparator<Move> MOVE_ORDER = Comparator.comparing(Move::from).thenComparing(Move::to)
            .thenComparing(Move::cell).thenComparing(Move::because);

    private final Graph<String, Move> graph;
    private final Map<String, Node> nodes;
    /** The same nodes for lookups by id, which the search makes for every step it takes. */
    private final Map<String, Node> byId;
    private final Map<String, List<Move>> outgoing = new HashMap<>();

    private AttackGraph(Graph<String, Move> graph, Map<String, Node> nodes) {
        this.graph = graph;
        this.nodes = nodes;
        this.byId = new HashMap<>(nodes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All nodes, sorted by id. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Node> nodes(NodeKind kind) {
        return nodes.values().stream().filter(n -> n.kind() == kind).toList();
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All moves, sorted by source, target, cell and reason. */
    public List<Move> moves() {
        List<Move> all = new ArrayList<>(graph.edgeSet());
        all.sort(MOVE_ORDER);
        return all;
    }

    /** The moves out of a node, in a stable order. */
    public List<Move> outgoing(String nodeId) {
        return outgoing.computeIfAbsent(nodeId, id -> {
            if (!graph.containsVertex(id)) {
                return List.of();
            }
            List<Move> out = new ArrayList<>(graph.outgoingEdgesOf(id));
            out.sort(MOVE_ORDER);
            return List.copyOf(out);
        });
    }

    public List<Move> incoming(String nodeId) {
        if (!graph.containsVertex(nodeId)) {
            return List.of();
        }
        List<Move> in = new ArrayList<>(graph.incomingEdgesOf(nodeId));
        in.sort(MOVE_ORDER);
        return in;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int moveCount() {
        return graph.edgeSet().size();
    }

    /** Collects nodes and moves; a node added twice keeps its first definition, an equal move is kept once. */
    public static final class Builder {
        private final Graph<String, Move> graph = new DirectedMultigraph<>(null, null, false);
        /** Sorted once, when built. */
        private final Map<String, Node> nodes = new HashMap<>();

        private Builder() {
        }

        /** Adds the node unless one with its id is there; returns the node kept. */
        public Node node(Node node) {
            Node kept = nodes.putIfAbsent(node.id(), node);
            if (kept == null) {
                graph.addVertex(node.id());
                return node;
            }
            return kept;
        }

        public boolean has(String nodeId) {
            return nodes.containsKey(nodeId);
        }

        public Optional<Node> get(String nodeId) {
            return Optional.ofNullable(nodes.get(nodeId));
        }

        /** Adds a move between two nodes already added; a self-move is ignored. */
        public Builder move(Move move) {
            if (!nodes.containsKey(move.from()) || !nodes.containsKey(move.to())) {
                throw new IllegalArgumentException("move between unknown nodes: " + move.from() + " -> " + move.to());
            }
            if (!move.from().equals(move.to())) {
                graph.addEdge(move.from(), move.to(), move);
            }
            return this;
        }

        public AttackGraph build() {
            return new AttackGraph(graph, java.util.Collections.unmodifiableMap(new TreeMap<>(nodes)));
        }
    }
}
