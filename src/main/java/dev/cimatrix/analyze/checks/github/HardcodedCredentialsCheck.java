package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DependabotContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.analyze.checks.common.Credentials;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Container;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Optional;

/**
 * Credentials written into the definition itself: a literal registry password in a job or service
 * container's {@code credentials}, a value in the shape of a known token (GitHub, AWS, Slack, GitLab, npm,
 * Stripe, Google, private keys) in {@code env} or {@code with}, and a secret-looking literal under a
 * secret-sounding env name. Messages show the value masked, never in full.
 */
public final class HardcodedCredentialsCheck implements Check {
    public static final String ID = "gha-hardcoded-credentials";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        entries(context.workflow().env(), "workflow env", findings);
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        entries(context.job().env(), "job env", findings);
        entries(context.job().with(), "reusable workflow input", findings);
        entries(context.job().secrets(), "reusable workflow secret", findings);
        if (context.job().container() != null) {
            container(context.job().container(), "job container", findings);
        }
        for (Container service : context.job().services()) {
            container(service, "service '" + service.name() + "'", findings);
        }
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        entries(context.step().env(), "step env", findings);
        entries(context.step().with(), "action input", findings);
    }

    /** A private registry of a Dependabot configuration with a credential written in, not taken from a secret. */
    @Override
    public void dependabot(DependabotContext context, FindingSink findings) {
        for (DependabotConfig.Registry registry : context.config().registries()) {
            for (KeyValue credential : registry.credentials()) {
                Scalar value = credential.value();
                // Dependabot takes its secrets as ${{secrets.NAME}}.
                if (value.value().isBlank() || value.value().contains("${{")) {
                    continue;
                }
                findings.at(value.location())
                        .message("Dependabot registry '" + registry.name() + "' has a literal " + credential.key() + " ("
                                + Credentials.mask(value.value().strip()) + "): anyone who can read the repository can use the "
                                + "registry with it; revoke it and use ${{secrets.…}} (a Dependabot secret)")
                        .subject("dependabot registry " + registry.name() + " " + credential.key()).report();
            }
        }
    }

    private void container(Container container, String where, FindingSink findings) {
        for (KeyValue credential : container.credentials()) {
            Scalar value = credential.value();
            if (credential.key().equals("password") && !value.hasExpressions() && !value.value().isBlank()) {
                findings.at(value.location())
                        .message(where + " has a literal registry password (" + Credentials.mask(value.value()) + ") in its credentials: anyone who"
                                + " can read the repository can log in to the registry; use ${{ secrets.… }}")
                        .subject(where + " credentials.password").report();
            }
        }
        entries(container.env(), where + " env", findings);
    }

    private void entries(List<KeyValue> entries, String where, FindingSink findings) {
        for (KeyValue entry : entries) {
            Scalar value = entry.value();
            String text = value.value();
            Optional<Credentials.Token> token = Credentials.knownToken(text);
            if (token.isPresent()) {
                findings.at(value.locate(token.get().start(), token.get().end() - token.get().start()))
                        .message(where + " '" + entry.key() + "' holds what looks like " + token.get().kind() + " ("
                                + Credentials.mask(token.get().text()) + "): it is readable by anyone who can read the repository and its history;"
                                + " revoke it and use ${{ secrets.… }}")
                        .subject(where + " " + entry.key() + " " + token.get().name())
                        .severity(Severity.HIGH).report();
            } else if (!value.hasExpressions() && Credentials.looksLikeSecret(entry.key(), text)) {
                findings.at(value.location())
                        .message(where + " '" + entry.key() + "' is set to a literal that looks like a secret (" + Credentials.mask(text.strip())
                                + "): if it is one, anyone who can read the repository has it; use ${{ secrets.… }}")
                        .subject(where + " " + entry.key())
                        .severity(Severity.MEDIUM).confidence(Confidence.MEDIUM).report();
            }
        }
    }
}
