package dev.cimatrix.analyze;

import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.ReadProblem;

import java.util.List;

/**
 * The outcome of running the checks: findings in a stable order, the checks that ran (so reports can say
 * what passed), findings left out by suppressions or the baseline, and checks that failed on a file.
 */
public record AnalysisResult(List<Finding> findings, List<CheckInfo> checksRun, int suppressed, int baselined,
                             List<ReadProblem> checkFailures) {
    public AnalysisResult {
        findings = List.copyOf(findings);
        checksRun = List.copyOf(checksRun);
        checkFailures = List.copyOf(checkFailures);
    }
}
