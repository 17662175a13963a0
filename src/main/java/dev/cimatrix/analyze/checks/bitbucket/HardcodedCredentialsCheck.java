package dev.cimatrix.analyze.checks.bitbucket;

import dev.cimatrix.analyze.BitbucketContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.CredentialFindings;
import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

/**
 * Credentials written into a Bitbucket Pipelines configuration: a token of a known format in a script line, a pipe's
 * variables or a service's variables, or a secret-looking literal under a secret-sounding variable name.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "bitbucket-hardcoded-credentials";

    /** Where Bitbucket keeps a secret instead. */
    private static final CredentialFindings FINDINGS = new CredentialFindings(
            "a secured repository or deployment variable");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void bitbucket(BitbucketContext context, FindingSink findings) {
        for (BitbucketPipeline.Service service : context.pipeline().services()) {
            for (KeyValue variable : service.variables()) {
                String where = "variable '" + variable.key() + "' of the service '" + service.name() + "'";
                FINDINGS.named(variable.key(), variable.value(), where, where, findings);
            }
        }
        for (BitbucketPipeline.Step step : context.pipeline().steps()) {
            for (BitbucketPipeline.Pipe pipe : step.pipes()) {
                for (KeyValue variable : pipe.variables()) {
                    String where = "variable '" + variable.key() + "' of the pipe " + pipe.reference().value().strip()
                            + " in " + step.label();
                    FINDINGS.named(variable.key(), variable.value(), where, where, findings);
                }
            }
            for (Scalar line : step.script()) {
                FINDINGS.anyToken(line, "the script of " + step.label(), step.pipeline() + " script", findings);
            }
        }
    }
}
