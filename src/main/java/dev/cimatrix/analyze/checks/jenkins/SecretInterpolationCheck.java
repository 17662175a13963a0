package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.model.JenkinsPipeline.Interpolation;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;

/**
 * A credential written by Groovy into the script of a shell step ({@code sh "curl -u ${PASSWORD} …"} inside
 * {@code withCredentials}, or an {@code environment} entry set from {@code credentials(…)}): the secret becomes part of
 * the step's own script, visible as an argument of its shell in the agent's process list, and a quote or
 * semicolon in it changes the command. Jenkins warns of it in the build log; a single-quoted script that lets the
 * shell read the environment variable ({@code sh 'curl -u "$PASSWORD" …'}) keeps the secret out of the command line.
 */
public final class SecretInterpolationCheck implements Check {
    public static final String ID = "jenkins-secret-interpolation";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        for (ShellStep step : context.pipeline().steps()) {
            if (step.secrets().isEmpty()) {
                continue;
            }
            for (Interpolation value : step.interpolations()) {
                String secret = value.reads().stream().map(r -> r.startsWith("env.") ? r.substring(4) : r)
                        .filter(step.secrets()::contains).sorted().findFirst().orElse(null);
                if (secret == null) {
                    continue;
                }
                String read = switch (step.step()) {
                    case "bat" -> "%" + secret + "%";
                    case "powershell", "pwsh" -> "$env:" + secret;
                    default -> "\"$" + secret + "\"";
                };
                findings.at(value.location())
                        .message(step.label() + " has Groovy write the credential " + secret + " into its script ("
                                + value.source() + "): the secret becomes part of the step's own script, visible as "
                                + "an argument of its shell in the agent's process list, and a quote or semicolon in "
                                + "it changes the command; write the script in single quotes and let the shell read "
                                + read)
                        .subject(step.subject() + " " + secret)
                        .report();
            }
        }
    }
}
