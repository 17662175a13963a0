package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.model.AzurePipeline;

/**
 * {@code system.debug} set to true in the file: every run of the jobs it applies to writes diagnostic logs (the
 * agent's environment, the variables' values that are not secret, the commands of tasks) that everyone who can read
 * the pipeline's logs reads, rather than for one run started with diagnostics on.
 */
public final class SystemDebugCheck implements Check {
    public static final String ID = "azure-system-debug";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        for (AzurePipeline.Variable variable : context.pipeline().variables()) {
            if (variable.name().equalsIgnoreCase("system.debug")
                    && variable.value().value().strip().equalsIgnoreCase("true")) {
                findings.at(variable.nameLocation())
                        .message("system.debug is true for " + (variable.scope().equals("the pipeline")
                                ? "every job of the pipeline" : variable.scope()) + ": every run writes diagnostic "
                                + "logs (the agent's environment, the values of variables that are not secret, the "
                                + "tasks' commands) for everyone who can read the pipeline's logs; remove it, and tick "
                                + "'Enable system diagnostics' for the one run that needs it")
                        .subject(variable.scope() + " " + variable.name()).report();
            }
        }
    }
}
