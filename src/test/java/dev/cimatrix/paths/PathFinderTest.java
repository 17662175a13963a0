package dev.cimatrix.paths;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Path search on hand-built graphs: bounds, order, determinism, duplicates and dominated paths. */
class PathFinderTest {
    private static Node node(String id, NodeKind kind) {
        return new Node(id, kind, id, null, Map.of());
    }

    private static Node asset(String id, String criticality) {
        return new Node(id, NodeKind.ASSET, id, null, Map.of("criticality", criticality));
    }

    private static Move move(String from, String to, String cell, double likelihood) {
        return new Move(from, to, cell, from + " to " + to, "test", null, likelihood);
    }

    /** persona → repo → job → {secret, token}; secret → data (critical), token → code (high). */
    private static AttackGraph diamond() {
        AttackGraph.Builder b = AttackGraph.builder();
        b.node(node("persona", NodeKind.PERSONA));
        b.node(node("repo", NodeKind.REPOSITORY));
        b.node(node("job", NodeKind.JOB));
        b.node(node("secret", NodeKind.CREDENTIAL));
        b.node(node("token", NodeKind.CREDENTIAL));
        b.node(asset("data", "critical"));
        b.node(asset("code", "high"));
        b.move(move("persona", "repo", "RECON/CICD-T002", 1.0));
        b.move(move("repo", "job", "EXEC/CICD-T016", 0.9));
        b.move(move("job", "secret", "CRED/CICD-T029", 0.9));
        b.move(move("job", "token", "CRED/CICD-T109", 0.8));
        b.move(move("secret", "data", "EXFL/CICD-T038", 0.9));
        b.move(move("token", "code", "PRIV/CICD-T022", 0.9));
        return b.build();
    }

    @Test
    void graphKeepsNodesAndMovesSortedAndHidesJgrapht() {
        AttackGraph graph = diamond();
        assertThat(graph.nodeCount()).isEqualTo(7);
        assertThat(graph.moveCount()).isEqualTo(6);
        assertThat(graph.nodes()).extracting(Node::id).isSorted();
        assertThat(graph.outgoing("job")).extracting(Move::to).containsExactly("secret", "token");
        assertThat(graph.incoming("job")).extracting(Move::from).containsExactly("repo");
        assertThat(graph.outgoing("nowhere")).isEmpty();
    }

    @Test
    void pathsAreRankedByLikelihoodTimesImpact() {
        List<AttackPath> paths = PathFinder.find(diamond(), PathLimits.DEFAULT).paths();
        assertThat(paths).extracting(AttackPath::id).containsExactly("P1", "P2");
        assertThat(paths.get(0).nodeIds()).containsExactly("persona", "repo", "job", "secret", "data");
        assertThat(paths.get(0).cells()).containsExactly("RECON/CICD-T002", "EXEC/CICD-T016", "CRED/CICD-T029", "EXFL/CICD-T038");
        // 1.0 × 0.9 × 0.9 × 0.9 × critical (1.0) on a 0–10 scale
        assertThat(paths.get(0).score()).isEqualTo(7.29);
        assertThat(paths.get(1).asset().id()).isEqualTo("code");
        assertThat(paths.get(1).score()).isEqualTo(4.86);
        assertThat(paths).extracting(AttackPath::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void maxLengthCutsLongPaths() {
        assertThat(PathFinder.find(diamond(), new PathLimits(3, 100, 5, 1000)).paths()).isEmpty();
        assertThat(PathFinder.find(diamond(), new PathLimits(4, 100, 5, 1000)).paths()).hasSize(2);
    }

    @Test
    void maxPathsKeepsTheBest() {
        List<AttackPath> paths = PathFinder.find(diamond(), new PathLimits(10, 1, 5, 1000)).paths();
        assertThat(paths).singleElement().extracting(p -> p.asset().id()).isEqualTo("data");
    }

    @Test
    void maxPerPairSpreadsThePathsOverPairs() {
        AttackGraph.Builder b = AttackGraph.builder();
        b.node(node("persona", NodeKind.PERSONA));
        b.node(asset("data", "critical"));
        for (int i = 0; i < 10; i++) {
            b.node(node("job" + i, NodeKind.JOB));
            b.move(move("persona", "job" + i, "EXEC/CICD-T016", 0.5 + i / 100.0));
            b.move(move("job" + i, "data", "EXFL/CICD-T038", 0.9));
        }
        List<AttackPath> paths = PathFinder.find(b.build(), new PathLimits(10, 100, 3, 1000)).paths();
        assertThat(paths).extracting(p -> p.steps().get(0).to()).containsExactly("job9", "job8", "job7");
    }

    @Test
    void expansionLimitStopsTheSearchAndSaysSo() {
        PathFinder.Result result = PathFinder.find(diamond(), new PathLimits(10, 100, 5, 3));
        assertThat(result.truncated()).isTrue();
        assertThat(result.expanded()).isEqualTo(3);
    }

    @Test
    void parallelMovesGiveOnePathWithTheLikeliestMove() {
        AttackGraph.Builder b = AttackGraph.builder();
        b.node(node("persona", NodeKind.PERSONA));
        b.node(node("job", NodeKind.JOB));
        b.node(asset("data", "high"));
        b.move(move("persona", "job", "EXEC/CICD-T016", 0.6));
        b.move(move("persona", "job", "EXEC/CICD-T104", 0.9));
        b.move(move("job", "data", "EXFL/CICD-T038", 1.0));
        List<AttackPath> paths = PathFinder.find(b.build(), PathLimits.DEFAULT).paths();
        assertThat(paths).singleElement().extracting(AttackPath::cells)
                .isEqualTo(List.of("EXEC/CICD-T104", "EXFL/CICD-T038"));
    }

    @Test
    void aDetourThatAddsNothingIsDominated() {
        AttackGraph.Builder b = AttackGraph.builder();
        b.node(node("persona", NodeKind.PERSONA));
        b.node(node("job", NodeKind.JOB));
        b.node(node("key", NodeKind.CREDENTIAL));
        b.node(node("account", NodeKind.COMPONENT));
        b.node(asset("data", "critical"));
        b.move(move("persona", "job", "EXEC/CICD-T016", 0.9));
        b.move(move("job", "key", "CRED/CICD-T029", 0.9));
        b.move(move("key", "data", "EXFL/CICD-T038", 0.9));
        // the same key also reaches the account that holds the data: a longer, no likelier way to the same asset
        b.move(move("key", "account", "LATM/CICD-T111", 0.9));
        b.move(move("account", "data", "EXFL/CICD-T038", 1.0));
        List<AttackPath> paths = PathFinder.find(b.build(), PathLimits.DEFAULT).paths();
        assertThat(paths).singleElement().extracting(AttackPath::nodeIds)
                .isEqualTo(List.of("persona", "job", "key", "data"));
    }

    @Test
    void cyclesEndAndPathsAreSimple() {
        AttackGraph.Builder b = AttackGraph.builder();
        b.node(node("persona", NodeKind.PERSONA));
        b.node(node("a", NodeKind.COMPONENT));
        b.node(node("b", NodeKind.COMPONENT));
        b.node(asset("data", "low"));
        b.move(move("persona", "a", "INIT/CICD-T007", 1.0));
        b.move(move("a", "b", "LATM/CICD-T035", 1.0));
        b.move(move("b", "a", "LATM/CICD-T035", 1.0));
        b.move(move("b", "data", "EXFL/CICD-T038", 1.0));
        List<AttackPath> paths = PathFinder.find(b.build(), PathLimits.DEFAULT).paths();
        assertThat(paths).singleElement().extracting(AttackPath::nodeIds).isEqualTo(List.of("persona", "a", "b", "data"));
    }

    @Test
    void theSameGraphBuiltInAnyOrderGivesTheSamePaths() {
        List<String> expected = null;
        for (int seed = 0; seed < 5; seed++) {
            AttackGraph.Builder b = AttackGraph.builder();
            List<Node> nodes = new ArrayList<>(diamond().nodes());
            List<Move> moves = new ArrayList<>(diamond().moves());
            Collections.shuffle(nodes, new Random(seed));
            Collections.shuffle(moves, new Random(seed + 100));
            nodes.forEach(b::node);
            moves.forEach(b::move);
            List<String> rendered = PathFinder.find(b.build(), PathLimits.DEFAULT).paths().stream()
                    .map(p -> p.id() + " " + p.score() + " " + p.nodeIds()).toList();
            if (expected == null) {
                expected = rendered;
            }
            assertThat(rendered).isEqualTo(expected);
        }
    }

    @Test
    void subsequenceIsOrderSensitive() {
        assertThat(PathFinder.isSubsequence(List.of("a", "c"), List.of("a", "b", "c"))).isTrue();
        assertThat(PathFinder.isSubsequence(List.of("c", "a"), List.of("a", "b", "c"))).isFalse();
    }
}
