package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CircleciContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.CredentialFindings;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.KeyValue;

/**
 * Credentials written into a CircleCI configuration: a token in a known format in an {@code environment} of a job,
 * executor, docker entry or run step, or in a command, or a secret-looking literal under a secret-sounding name.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "circleci-hardcoded-credentials";

    /** Where CircleCI keeps a secret instead. */
    private static final CredentialFindings FINDINGS = new CredentialFindings(
            "an environment variable of a context with security groups, or of the project's settings");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void circleci(CircleciContext context, FindingSink findings) {
        for (CircleciConfig.Unit unit : context.config().units()) {
            for (KeyValue variable : unit.environment()) {
                String where = "environment '" + variable.key() + "' of " + unit.label();
                FINDINGS.named(variable.key(), variable.value(), where, where, findings);
            }
            for (CircleciConfig.Run run : unit.runs()) {
                String step = unit.describe(run);
                for (KeyValue variable : run.environment()) {
                    String where = "environment '" + variable.key() + "' of " + step;
                    FINDINGS.named(variable.key(), variable.value(), where, where, findings);
                }
                FINDINGS.anyToken(run.command(), step, unit.name() + " run", findings);
            }
        }
    }
}
