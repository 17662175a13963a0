package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.model.Trigger;

import java.util.Map;

/**
 * A workflow on {@code pull_request_target} or {@code workflow_run}: both run the base repository's workflow
 * with its secrets and a write token for events an outsider causes, so every use of the pull request's code
 * or of the triggering run's artifacts in them is a privilege boundary. A blanket warning: the checks for
 * what such workflows actually do with the untrusted input carry the higher severities.
 */
public final class DangerousTriggersCheck implements Check {
    public static final String ID = "gha-dangerous-triggers";

    private static final Map<String, String> WHY = Map.of(
            "pull_request_target", "runs for pull requests from forks with the base repository's secrets and a "
                    + "token that may write; anything it takes from the pull request is untrusted",
            "workflow_run", "runs with secrets and a token that may write after another workflow, which a pull "
                    + "request from a fork may have run; its artifacts, caches and event fields are untrusted");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        for (Trigger trigger : context.workflow().triggers()) {
            String why = WHY.get(trigger.event());
            if (why != null) {
                findings.at(trigger.location()).subject(trigger.event())
                        .message("the workflow uses " + trigger.event() + ", which " + why).report();
            }
        }
    }
}
