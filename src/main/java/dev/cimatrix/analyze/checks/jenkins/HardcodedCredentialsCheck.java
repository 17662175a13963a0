package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.analyze.checks.common.CredentialFindings;
import dev.cimatrix.model.JenkinsPipeline.Setting;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;

/**
 * Credentials written into a Jenkinsfile: a token of a known format in a shell step's script or in a value the script
 * names, or a secret-looking literal under a secret-sounding name ({@code environment { API_KEY = '…' }},
 * {@code withEnv(['PASSWORD=…'])}, {@code def token = '…'}).
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "jenkins-hardcoded-credentials";

    /** Where Jenkins keeps a secret instead. */
    private static final CredentialFindings FINDINGS = new CredentialFindings(
            "a Jenkins credential, bound with credentials() or withCredentials");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        for (Setting setting : context.pipeline().settings()) {
            if (setting.value() == null || setting.credential()) {
                continue;
            }
            String where = switch (setting.kind()) {
                case ENVIRONMENT -> "the environment entry '" + setting.name() + "'";
                case WITH_ENV -> "the withEnv entry '" + setting.name() + "'";
                case ENV_PROPERTY -> "env." + setting.name();
                case VARIABLE -> "the variable '" + setting.name() + "'";
            };
            FINDINGS.named(setting.name(), setting.value(), where, where, findings);
        }
        for (ShellStep step : context.pipeline().steps()) {
            FINDINGS.anyToken(step.script(), "the script of " + step.label(),
                    step.subject(), findings);
        }
    }
}
