package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.CredentialFindings;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.KeyValue;


/**
 * Credentials written into an Azure Pipelines file: a token in a known format in a variable, a step's {@code env}, a
 * task's inputs or an inline script, or a secret-looking literal under a secret-sounding variable name. Values that
 * refer to a variable ({@code $(token)}) are what secret variables and variable groups are for, and are not reported.
 * Messages show the value masked.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "azure-hardcoded-credentials";

    @Override
    public String id() {
        return ID;
    }

    /** Where Azure Pipelines keeps a secret instead. */
    private static final CredentialFindings FINDINGS = new CredentialFindings(
            "a secret variable of the pipeline or of a variable group linked to Azure Key Vault");

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        for (AzurePipeline.Variable variable : context.pipeline().variables()) {
            String where = "variable '" + variable.name() + "' of " + variable.scope();
            FINDINGS.named(variable.name(), variable.value(), where, where, findings);
        }
        for (AzureJob job : context.pipeline().jobs()) {
            for (AzureStep step : job.steps()) {
                String owner = step.label() + " in " + job.label();
                for (KeyValue env : step.env()) {
                    String where = "env '" + env.key() + "' of " + owner;
                    FINDINGS.named(env.key(), env.value(), where, where, findings);
                }
                // Inputs with secret-sounding names mostly name a secret (a Key Vault filter, a connection): only
                // tokens of known formats are reported there.
                for (KeyValue input : step.inputs()) {
                    if (step.script() == null || input.value() != step.script()) {
                        String where = "input '" + input.key() + "' of " + owner;
                        FINDINGS.anyToken(input.value(), where, where, findings);
                    }
                }
                if (step.script() != null) {
                    String where = "the script of " + owner;
                    FINDINGS.anyToken(step.script(), where, where, findings);
                }
            }
        }
    }
}
