package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class UndefinedReferenceCheckTest {
    @TempDir
    Path dir;

    /**
     * Thousands of steps that each read an earlier step, and thousands of reads of a job's thousands of outputs: each
     * read looks its id or output up once, rather than walking the steps or outputs again (over ten seconds here).
     */
    @Test
    void manyStepsAndOutputsAreLookedUpNotWalked() throws Exception {
        StringBuilder workflow = new StringBuilder("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                + "    outputs:\n");
        int count = 12000;
        for (int i = 0; i < count; i++) {
            workflow.append("      o").append(i).append(": ${{ steps.s").append(count - 1).append(".outputs.v }}\n");
        }
        workflow.append("    steps:\n");
        for (int i = 0; i < count; i++) {
            workflow.append("      - id: s").append(i).append("\n        run: echo \"v=${{ steps.s").append(Math.max(0, i - 1))
                    .append(".outputs.v }}\" >> \"$GITHUB_OUTPUT\"\n");
        }
        workflow.append("  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n");
        for (int i = 0; i < count; i++) {
            workflow.append("      - run: echo \"${{ needs.a.outputs.o").append(i).append(" }}\"\n");
        }
        workflow.append("      - run: echo \"${{ needs.a.outputs.missing }} ${{ steps.s1.outputs.v }}\"\n");
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> WorkflowFiles.scan(dir, new UndefinedReferenceCheck(), Map.of("w.yml", workflow.toString())));
        // Step s0 reads its own id; the last step of b reads an output a does not declare and a step b does not have.
        assertThat(findings).extracting(Finding::subject).containsExactlyInAnyOrder("steps.s0.outputs.v",
                "needs.a.outputs.missing", "steps.s1.outputs.v");
    }
}
