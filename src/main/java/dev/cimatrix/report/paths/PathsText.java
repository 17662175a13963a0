package dev.cimatrix.report.paths;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.model.Location;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.JobExposure;
import dev.cimatrix.paths.Move;
import dev.cimatrix.paths.Node;
import dev.cimatrix.paths.PathAnalysis;
import dev.cimatrix.report.Counts;
import dev.cimatrix.report.Printable;

import java.util.Locale;

/**
 * Paths for a terminal: one block per path, best first, each step with its cell, the technique's name,
 * the nodes it joins, why it is possible and where that is written; then the jobs that mix untrusted
 * input with privileges, and what the model does not know.
 */
final class PathsText {
    private PathsText() {
    }

    static String render(PathAnalysis analysis, Catalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (graph: %d nodes, %d moves; at most %d moves a path, %d paths, %d per entry and asset%s)%n",
                Counts.of(analysis.paths().size(), "attack path"), analysis.graph().nodeCount(),
                analysis.graph().moveCount(), analysis.limits().maxLength(), analysis.limits().maxPaths(),
                analysis.limits().maxPerPair(), analysis.truncated() ? "; search stopped at its limit" : ""));
        for (AttackPath path : analysis.paths()) {
            out.append('\n');
            out.append(String.format(Locale.ROOT, "%s  score %.2f  %s -> %s%n", path.id(), path.score(),
                    path.entry().label(), path.asset().label()));
            int n = 1;
            for (Move step : path.steps()) {
                String technique = catalog.technique(step.technique()).map(Technique::name).orElse("");
                out.append(String.format(Locale.ROOT, "  %d. %-15s %s%n", n++, step.cell(), technique));
                out.append("     ").append(label(analysis, step.from())).append(" -> ").append(label(analysis, step.to())).append('\n');
                out.append("     ").append(step.because()).append('\n');
                out.append("     ").append(step.location() == null ? "(" + step.evidence() + ", no file)"
                        : where(step.location()) + "  [" + step.evidence() + "]").append('\n');
            }
        }
        if (!analysis.mixedJobs().isEmpty()) {
            out.append("\nJobs that run untrusted input and hold privileges:\n");
            for (JobExposure job : analysis.mixedJobs()) {
                out.append("  ").append(where(job.location())).append("  ").append(job.job()).append('\n');
                out.append("     untrusted: ").append(String.join("; ", job.untrusted())).append('\n');
                out.append("     privileged: ").append(String.join("; ", job.privileges())).append('\n');
            }
        }
        if (!analysis.unknowns().isEmpty()) {
            out.append("\nNot known (declare it in cimatrix-model.yml):\n");
            analysis.unknowns().forEach(u -> out.append("  - ").append(u).append('\n'));
        }
        return Printable.lines(out.toString());
    }

    private static String label(PathAnalysis analysis, String nodeId) {
        return analysis.graph().node(nodeId).map(Node::label).orElse(nodeId);
    }

    static String where(Location location) {
        return location.path() + ":" + location.startLine() + ":" + location.startColumn();
    }
}
