package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DependabotContext;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Dependabot configuration that keeps other ecosystems up to date but not {@code github-actions}, in a repository
 * whose workflows use actions or reusable workflows of other repositories. Nothing proposes their new releases, so
 * commit pins stay on the release they were written with, and so do its flaws once they are fixed. A repository
 * that has Renovate, whose github-actions manager is on by default, is left alone.
 */
public final class DependabotGithubActionsCheck implements Check {
    public static final String ID = "dependabot-github-actions";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void dependabot(DependabotContext context, FindingSink findings) {
        DependabotConfig config = context.config();
        if (config.updates().isEmpty() || config.updates().stream()
                .anyMatch(u -> u.ecosystem().value().strip().toLowerCase(Locale.ROOT).equals("github-actions"))) {
            return;
        }
        Inventory inventory = context.inventory();
        Optional<String> renovate = inventory.renovateConfig(config.path());
        if (renovate.isPresent() && !renovate.get().isEmpty()) {
            return;
        }
        Optional<String> folder = Inventory.repositoryFolder(config.path());
        if (folder.isEmpty()) {
            return;
        }
        List<Workflow> workflows = inventory.workflowsByRepositoryFolder().getOrDefault(folder.get(), List.of());
        // Each repository used, with its first use in path and step order.
        Map<String, ActionRef> uses = new LinkedHashMap<>();
        for (Workflow workflow : workflows) {
            for (Job job : workflow.jobs()) {
                note(job.uses(), uses);
                job.steps().forEach(step -> note(step.uses(), uses));
            }
        }
        if (uses.isEmpty()) {
            return;
        }
        Set<String> used = new TreeSet<>(uses.keySet());
        ActionRef first = uses.values().iterator().next();
        String ecosystems = config.updates().stream().map(u -> u.ecosystem().value().strip()).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("");
        FindingBuilder finding = findings.at(config.location())
                .message("Dependabot keeps " + ecosystems + " up to date here but not github-actions, while the "
                        + "workflows of this repository use " + used.size() + " action" + (used.size() == 1 ? "" : "s")
                        + " and reusable workflow" + (used.size() == 1 ? "" : "s") + " of other repositories ("
                        + String.join(", ", used.stream().limit(3).toList()) + (used.size() > 3 ? ", …" : "")
                        + "): nothing proposes their new releases, so pins stay on the release they were written with, "
                        + "flaws fixed since included. Add an entry with package-ecosystem: github-actions")
                .related(first.location(), "uses " + first.repository() + ", which nothing updates")
                .subject("github-actions")
                .property("actions", Integer.toString(used.size()));
        if (renovate.isEmpty()) {
            // The repository was not walked: a Renovate configuration beside it may update its actions.
            finding.confidence(Confidence.MEDIUM)
                    .clause("the scan did not walk the repository, so a Renovate configuration in it would not be seen");
        }
        finding.report();
    }

    private static void note(ActionRef ref, Map<String, ActionRef> uses) {
        if (ref != null && ref.kind() == ActionRef.Kind.REPOSITORY) {
            uses.putIfAbsent(ref.repository(), ref);
        }
    }
}
