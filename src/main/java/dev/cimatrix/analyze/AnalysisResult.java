package dev.cimatrix.analyze;

import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.ReadProblem;

import java.util.List;
import java.util.Set;

/**
 * The outcome of running the checks: findings in a stable order, the checks that ran (so reports can say
 * what passed), findings left out by suppressions or the baseline, and checks that failed on a file.
 *
 * @param idleChecks ids of checks that ran but found nothing of theirs to look at (a Dependabot check where no
 *                   Dependabot configuration was read): their silence verifies nothing
 */
public record AnalysisResult(List<Finding> findings, List<CheckInfo> checksRun, int suppressed, int baselined,
                             List<ReadProblem> checkFailures, Set<String> idleChecks) {
    public AnalysisResult {
        findings = List.copyOf(findings);
        checksRun = List.copyOf(checksRun);
        checkFailures = List.copyOf(checkFailures);
        idleChecks = Set.copyOf(idleChecks);
    }

    /** A result in which every check that ran had something to look at. */
    public AnalysisResult(List<Finding> findings, List<CheckInfo> checksRun, int suppressed, int baselined,
                          List<ReadProblem> checkFailures) {
        this(findings, checksRun, suppressed, baselined, checkFailures, Set.of());
    }

    /** The same outcome with other findings (those shown, or masked). */
    public AnalysisResult withFindings(List<Finding> shown) {
        return new AnalysisResult(shown, checksRun, suppressed, baselined, checkFailures, idleChecks);
    }
}
