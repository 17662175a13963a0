package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.Optional;

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

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        for (AzurePipeline.Variable variable : context.pipeline().variables()) {
            named(variable.name(), variable.value(), "variable '" + variable.name() + "' of " + variable.scope(),
                    findings);
        }
        for (AzureJob job : context.pipeline().jobs()) {
            for (AzureStep step : job.steps()) {
                String owner = step.label() + " in " + job.label();
                for (KeyValue env : step.env()) {
                    named(env.key(), env.value(), "env '" + env.key() + "' of " + owner, findings);
                }
                // Inputs with secret-sounding names mostly name a secret (a Key Vault filter, a connection): only
                // tokens of known formats are reported there.
                for (KeyValue input : step.inputs()) {
                    if (step.script() == null || input.value() != step.script()) {
                        Credentials.knownToken(input.value().value()).ifPresent(token -> report(input.value(), token,
                                "input '" + input.key() + "' of " + owner, findings));
                    }
                }
                if (step.script() != null) {
                    Credentials.knownToken(step.script().value()).ifPresent(token ->
                            report(step.script(), token, "the script of " + owner, findings));
                }
            }
        }
    }

    /** A value under a name: a token of a known format, or a secret-looking literal under a secret-sounding name. */
    private static void named(String name, Scalar value, String where, FindingSink findings) {
        Optional<Credentials.Token> token = Credentials.knownToken(value.value());
        if (token.isPresent()) {
            report(value, token.get(), where, findings);
        } else if (!value.value().contains("$") && Credentials.looksLikeSecret(name, value.value())) {
            findings.at(value.location())
                    .message(where + " is set to a literal that looks like a secret ("
                            + Credentials.mask(value.value().strip()) + "): if it is one, anyone who can read the "
                            + "repository has it; make it a secret variable of the pipeline or of a variable group "
                            + "linked to Azure Key Vault")
                    .subject(where).severity(Severity.MEDIUM).confidence(Confidence.MEDIUM).report();
        }
    }

    private static void report(Scalar value, Credentials.Token token, String where, FindingSink findings) {
        findings.at(value.locate(token.start(), token.end() - token.start()))
                .message(where + " holds what looks like " + token.kind() + " (" + Credentials.mask(token.text())
                        + "): it is readable by anyone who can read the repository and its history; revoke it and "
                        + "make the new one a secret variable")
                .subject(where + " " + token.name()).report();
    }
}
