package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DependabotContext;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.Scalar;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Dependabot entry with {@code insecure-external-code-execution: allow}: while it updates the manifests (a
 * {@code setup.py}, a {@code Gemfile}, a {@code mix.exs}), Dependabot runs the code in them and in the dependencies they
 * pull, with the credentials of the private registries the entry uses. Without the setting Dependabot refuses to run
 * such code wherever a private registry is configured.
 */
public final class DependabotExecutionCheck implements Check {
    public static final String ID = "dependabot-execution";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void dependabot(DependabotContext context, FindingSink findings) {
        for (DependabotConfig.Update update : context.config().updates()) {
            Scalar setting = update.externalCode();
            if (setting == null || !setting.value().strip().toLowerCase(Locale.ROOT).equals("allow")) {
                continue;
            }
            String ecosystem = update.ecosystem().value();
            String runs = "Dependabot runs the code of the " + ecosystem + " manifests and of the dependencies they pull "
                    + "while it updates them (insecure-external-code-execution: allow)";
            FindingBuilder finding = findings.at(setting.location()).subject(ecosystem).property("ecosystem", ecosystem);
            if (update.registries().isEmpty()) {
                finding.message(runs + ". The entry uses no private registry, so that code reaches no registry "
                        + "credential today, but one added later would be handed to it. Remove the setting.")
                        .severity(Severity.LOW);
            } else {
                String registries = update.registries().stream().map(Scalar::value).collect(Collectors.joining(", "));
                finding.message(runs + ", with the credentials of the private registries the entry uses (registries: "
                        + registries + "): a malicious release of any dependency can read them and publish with them. "
                        + "Remove the setting, or the private registries from this entry.");
            }
            finding.report();
        }
    }
}
