package dev.cimatrix.report.paths;

import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.Move;
import dev.cimatrix.paths.Node;
import dev.cimatrix.paths.NodeKind;
import dev.cimatrix.paths.PathAnalysis;
import dev.cimatrix.report.Printable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the graph that the paths use, as Mermaid or Graphviz DOT: nodes shaped by kind, moves
 * labelled with their cell, and the best path drawn thicker. Diagrams of a whole organisation would be
 * unreadable, so only nodes and moves on a path are drawn.
 */
final class PathsDiagram {
    private PathsDiagram() {
    }

    /** The moves on any path, in path order, each once, with the ids of the paths that use it. */
    private static Map<Move, List<String>> movesOnPaths(PathAnalysis analysis) {
        Map<Move, List<String>> moves = new LinkedHashMap<>();
        for (AttackPath path : analysis.paths()) {
            for (Move m : path.steps()) {
                moves.computeIfAbsent(m, k -> new java.util.ArrayList<>()).add(path.id());
            }
        }
        return moves;
    }

    private static Set<Node> nodesOnPaths(PathAnalysis analysis, Map<Move, List<String>> moves) {
        Set<Node> nodes = new LinkedHashSet<>();
        for (Move m : moves.keySet()) {
            nodes.add(analysis.graph().node(m.from()).orElseThrow());
            nodes.add(analysis.graph().node(m.to()).orElseThrow());
        }
        return nodes;
    }

    static String mermaid(PathAnalysis analysis) {
        Map<Move, List<String>> moves = movesOnPaths(analysis);
        Map<String, String> ids = new HashMap<>();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Node node : nodesOnPaths(analysis, moves)) {
            String id = "n" + ids.size();
            ids.put(node.id(), id);
            String text = Printable.line(node.label()).replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
            out.append("  ").append(id).append(switch (node.kind()) {
                case PERSONA -> "([\"" + text + "\"])";
                case ASSET -> "[(\"" + text + "\")]";
                case CREDENTIAL -> "{{\"" + text + "\"}}";
                case JOB, WORKFLOW -> "[\"" + text + "\"]";
                default -> "(\"" + text + "\")";
            }).append('\n');
        }
        List<String> best = analysis.paths().isEmpty() ? List.of() : List.of(analysis.paths().get(0).id());
        int index = 0;
        StringBuilder styles = new StringBuilder();
        for (Map.Entry<Move, List<String>> e : moves.entrySet()) {
            Move m = e.getKey();
            out.append("  ").append(ids.get(m.from())).append(" -->|\"").append(m.cell()).append("\"| ")
                    .append(ids.get(m.to())).append('\n');
            if (e.getValue().stream().anyMatch(best::contains)) {
                styles.append("  linkStyle ").append(index).append(" stroke-width:3px,stroke:#c0392b\n");
            }
            index++;
        }
        out.append(styles);
        for (NodeKind kind : List.of(NodeKind.PERSONA, NodeKind.ASSET)) {
            StringBuilder members = new StringBuilder();
            ids.forEach((nodeId, id) -> analysis.graph().node(nodeId).filter(n -> n.kind() == kind)
                    .ifPresent(n -> members.append(members.isEmpty() ? "" : ",").append(id)));
            if (!members.isEmpty()) {
                out.append("  class ").append(sorted(members.toString())).append(' ').append(kind.label()).append('\n');
            }
        }
        out.append("  classDef persona fill:#fdebd0,stroke:#b9770e\n");
        out.append("  classDef asset fill:#fadbd8,stroke:#922b21\n");
        return out.toString();
    }

    private static String sorted(String commaSeparated) {
        return String.join(",", java.util.Arrays.stream(commaSeparated.split(","))
                .sorted(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(1)))).toList());
    }

    static String dot(PathAnalysis analysis) {
        Map<Move, List<String>> moves = movesOnPaths(analysis);
        StringBuilder out = new StringBuilder("digraph attack_paths {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Node node : nodesOnPaths(analysis, moves)) {
            out.append("  ").append(quote(node.id())).append(" [label=").append(quote(node.label())).append(", shape=")
                    .append(switch (node.kind()) {
                        case PERSONA -> "oval, style=filled, fillcolor=\"#fdebd0\"";
                        case ASSET -> "cylinder, style=filled, fillcolor=\"#fadbd8\"";
                        case CREDENTIAL -> "hexagon";
                        case COMPONENT -> "box3d";
                        default -> "box";
                    }).append("];\n");
        }
        List<String> best = analysis.paths().isEmpty() ? List.of() : List.of(analysis.paths().get(0).id());
        for (Map.Entry<Move, List<String>> e : moves.entrySet()) {
            Move m = e.getKey();
            boolean onBest = e.getValue().stream().anyMatch(best::contains);
            out.append("  ").append(quote(m.from())).append(" -> ").append(quote(m.to())).append(" [label=")
                    .append(quote(m.cell())).append(", tooltip=").append(quote(String.join(" ", e.getValue())))
                    .append(onBest ? ", penwidth=3, color=\"#c0392b\"" : "").append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static String quote(String text) {
        return "\"" + Printable.line(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
