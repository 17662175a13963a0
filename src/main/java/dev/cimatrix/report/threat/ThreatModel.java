package dev.cimatrix.report.threat;

import dev.cimatrix.coverage.CellCoverage;
import dev.cimatrix.coverage.Coverage;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.report.scan.ScanReport;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Everything the threat-model report shows: the scan (findings already masked by {@link ScanReport}), the declared
 * model, the coverage of every cell, the attack paths, the detection rules and the log sources known to be collected.
 *
 * @param repositories        the scanned targets as the user named them; findings are attributed by path prefix
 * @param paths               attack paths, best first; empty when none were found
 * @param unknowns            what neither the files nor the declared model say, so "no path" reads as "not known"
 * @param collectedLogSources catalog log source ids declared collected or seen in the given logs
 */
public record ThreatModel(ScanReport scan, List<String> repositories, DeclaredModel declared, Coverage coverage,
                          List<AttackPath> paths, List<String> unknowns, List<Rule> rules,
                          Set<String> collectedLogSources) {
    public ThreatModel {
        repositories = List.copyOf(repositories);
        unknowns = List.copyOf(unknowns);
        paths = paths.stream().sorted(Comparator.comparingDouble(AttackPath::score).reversed()
                .thenComparing(AttackPath::id)).toList();
        rules = List.copyOf(rules);
        collectedLogSources = Set.copyOf(collectedLogSources);
    }

    /** Repositories named in a title: a few, then how many more, so a report of an organisation keeps a short title. */
    static final int REPOSITORIES_IN_TITLE = 3;

    /** The repositories a title names ({@link #REPOSITORIES_IN_TITLE} at most), each written by {@code format}. */
    public String repositoriesForTitle(java.util.function.UnaryOperator<String> format) {
        List<String> named = repositories.stream().limit(REPOSITORIES_IN_TITLE).map(format).toList();
        int more = repositories.size() - named.size();
        return String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
    }

    public Inventory inventory() {
        return scan.inventory();
    }

    /**
     * The repository a root-relative path belongs to: the only one when one was scanned, otherwise the target
     * whose path prefixes it (targets are then named relative to the same root).
     */
    public String repositoryOf(String path) {
        if (repositories.size() == 1) {
            return repositories.get(0);
        }
        for (String repository : repositories) {
            String prefix = Inventory.normalise(repository);
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return repository;
            }
        }
        return ".";
    }

    public CellCoverage cell(String id) {
        return coverage.cell(id).orElseThrow(() -> new IllegalArgumentException("no cell " + id));
    }
}
