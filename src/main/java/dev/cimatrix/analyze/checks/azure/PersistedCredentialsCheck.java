package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.KeyValue;

/**
 * A checkout with {@code persistCredentials: true}: the job's access token stays in the repository's git
 * configuration for every later step of the job, including build scripts of the checked-out code and third-party
 * tasks, and for anything that publishes or caches the working folder.
 */
public final class PersistedCredentialsCheck implements Check {
    public static final String ID = "azure-persisted-credentials";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        for (AzureJob job : context.pipeline().jobs()) {
            for (AzureStep step : job.steps()) {
                if (step.kind() != AzureStep.Kind.CHECKOUT) {
                    continue;
                }
                step.input("persistCredentials").filter(p -> p.value().value().strip().equalsIgnoreCase("true"))
                        .map(KeyValue::keyLocation)
                        .ifPresent(at -> findings.at(at)
                                .message("the " + step.label() + " in " + job.label() + " keeps the job's access token "
                                        + "in the repository's git configuration for every later step, build scripts "
                                        + "and third-party tasks among them, and for anything that publishes or caches "
                                        + "the folder; leave persistCredentials off and pass $(System.AccessToken) in "
                                        + "env to the one step that pushes")
                                .subject(job.name() + " " + step.name().value().strip()).report());
            }
        }
    }
}
