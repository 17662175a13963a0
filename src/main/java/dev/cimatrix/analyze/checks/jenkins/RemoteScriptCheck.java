package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.analyze.checks.common.RemoteScriptFindings;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;

/**
 * A shell step of a Jenkinsfile that runs code fetched at run time without checking it ({@code curl … | bash}, or a
 * download run later in the same script): whoever controls the server or the file runs code on the agent with the
 * job's credentials.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "jenkins-remote-script";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        for (ShellStep step : context.pipeline().steps()) {
            for (RemoteScripts.Match match : RemoteScripts.find(step.script().value())) {
                RemoteScriptFindings.report(step.script(), match, "the script of " + step.label(),
                        step.subject(), findings);
            }
        }
    }
}
