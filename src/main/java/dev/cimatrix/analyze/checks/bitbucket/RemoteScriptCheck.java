package dev.cimatrix.analyze.checks.bitbucket;

import dev.cimatrix.analyze.BitbucketContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.RemoteScriptFindings;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.Scalar;

/**
 * A script line of a Bitbucket Pipelines step that runs code fetched at run time without checking it
 * ({@code curl … | bash}, or a download run later in the same line): whoever controls the server or the file runs code
 * in the step with its repository and deployment variables.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "bitbucket-remote-script";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void bitbucket(BitbucketContext context, FindingSink findings) {
        for (BitbucketPipeline.Step step : context.pipeline().steps()) {
            for (Scalar line : step.script()) {
                for (RemoteScripts.Match match : RemoteScripts.find(line.value())) {
                    RemoteScriptFindings.report(line, match, "the script of " + step.label(),
                            step.pipeline() + " " + (step.name() == null ? "" : step.name()), findings);
                }
            }
        }
    }
}
