package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CircleciContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.RemoteScriptFindings;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.Scalar;

/**
 * A {@code run} step of a CircleCI job or command that runs code fetched at run time without checking it
 * ({@code curl … | bash}, or a download run later in the same command): whoever controls the server or the file runs
 * code in the job with its environment and the contexts it is given.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "circleci-remote-script";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void circleci(CircleciContext context, FindingSink findings) {
        for (CircleciConfig.Unit unit : context.config().units()) {
            for (CircleciConfig.Run run : unit.runs()) {
                Scalar command = run.command();
                for (RemoteScripts.Match match : RemoteScripts.find(command.value())) {
                    RemoteScriptFindings.report(command, match, unit.describe(run), unit.name(), findings);
                }
            }
        }
    }
}
