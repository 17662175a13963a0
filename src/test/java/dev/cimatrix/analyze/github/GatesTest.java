package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.analyze.checks.github.UntrustedCheckoutCheck;
import dev.cimatrix.catalog.Confidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gates that sit in other jobs and other workflows: an approval job, the callers of a reusable workflow. */
class GatesTest {
    @TempDir
    Path dir;

    private static final String PWN_JOB = """
              scan:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: make scan
                    env:
                      KEY: ${{ secrets.SCAN_KEY }}
            """;

    private static final String SHARED = "on:\n  workflow_call:\njobs:\n" + PWN_JOB;

    private List<Finding> scan(Check check, Map<String, String> workflows) throws Exception {
        return WorkflowFiles.scan(dir, check, workflows);
    }

    private static String caller(String approval, String needs) {
        return """
                on: pull_request_target
                jobs:
                %s  security:
                    %s
                    uses: ./.github/workflows/shared.yml
                    secrets: inherit
                """.formatted(approval, needs);
    }

    private static final String APPROVAL = """
              approve:
                runs-on: ubuntu-latest
                environment: external-pr
                steps:
                  - run: echo approved
            """;

    @Test
    void aJobAfterAnApprovalJobIsGated() throws Exception {
        String workflow = "on: pull_request_target\njobs:\n" + APPROVAL + PWN_JOB.replace("    runs-on:",
                "    needs: approve\n    runs-on:");
        Finding gated = scan(new UntrustedCheckoutCheck(), Map.of("w.yml", workflow)).get(0);
        assertThat(gated.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(gated.message()).contains("behind a gate: the job needs 'approve', which runs in environment "
                + "'external-pr', which may require a reviewer");
        // A job that runs whatever became of the approval job is not behind it.
        String always = workflow.replace("    needs: approve\n", "    needs: approve\n    if: always()\n");
        assertThat(scan(new UntrustedCheckoutCheck(), Map.of("w.yml", always)).get(0).confidence())
                .isEqualTo(Confidence.HIGH);
    }

    @Test
    void aReusableWorkflowIsBehindTheGatesOfEveryCallerOnAnOutsidersEvent() throws Exception {
        List<Finding> gated = scan(new SecretsInUntrustedJobCheck(), Map.of(
                "shared.yml", SHARED, "security.yml", caller(APPROVAL, "needs: approve"),
                "main.yml", caller("", "if: true").replace("pull_request_target", "push")));
        assertThat(gated).hasSize(1);
        assertThat(gated.get(0).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(gated.get(0).message()).contains("every job that calls this workflow on an outsider's event is "
                + "behind a gate (in 1 caller; the job needs 'approve'");
        // One caller without a gate lets the outsider in.
        List<Finding> open = scan(new SecretsInUntrustedJobCheck(), Map.of(
                "shared.yml", SHARED, "security.yml", caller(APPROVAL, "needs: approve"),
                "main.yml", caller("", "if: true")));
        assertThat(open).hasSize(1);
        assertThat(open.get(0).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(open.get(0).message()).doesNotContain("behind a gate");
    }
}
