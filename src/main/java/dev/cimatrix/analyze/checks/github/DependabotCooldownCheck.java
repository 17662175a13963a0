package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.DependabotContext;
import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Dependabot entry that proposes new versions the day they are published: no {@code cooldown}, no
 * {@code default-days} in it, or fewer days than a malicious release usually stays up. Worse where a workflow of the
 * same repository merges or approves Dependabot's pull requests by itself, so that such a version lands unread. The
 * ways of merging without a person are data ({@code analyze/dependabot-auto-merge.yaml}).
 */
public final class DependabotCooldownCheck implements Check {
    public static final String ID = "dependabot-cooldown";
    /** The property that names the workflow merging Dependabot's pull requests, when one does. */
    public static final String AUTO_MERGE = "autoMerge";
    /** The shortest cooldown that is not reported: most malicious releases are found and pulled within a week. */
    public static final int DAYS = 7;
    private static final List<String> SEMVER_DAYS = List.of("semver-major-days", "semver-minor-days", "semver-patch-days");

    private static final Set<String> MERGE_ACTIONS;
    private static final List<String> MERGE_COMMANDS;

    static {
        DataResource data = DataResource.load("dependabot-auto-merge.yaml");
        MERGE_ACTIONS = DataResource.texts(data.root(), "actions").stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        MERGE_COMMANDS = DataResource.texts(data.root(), "commands");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void dependabot(DependabotContext context, FindingSink findings) {
        DependabotConfig config = context.config();
        Optional<AutoMerge> autoMerge = autoMerge(context.inventory(), config.path());
        for (DependabotConfig.Update update : config.updates()) {
            // A limit of 0 leaves only security updates, which a cooldown never delays.
            if (!update.versionUpdates()) {
                continue;
            }
            String ecosystem = update.ecosystem().value();
            DependabotConfig.Cooldown cooldown = update.cooldown();
            FindingBuilder finding;
            if (cooldown == null) {
                finding = findings.at(update.ecosystem().location()).message("Dependabot proposes new " + ecosystem
                        + " versions the day they are published: the entry has no cooldown.");
            } else if (cooldown.defaultDays().isPresent()) {
                KeyValue days = cooldown.defaultDays().get();
                OptionalInt value = days(days);
                if (value.isEmpty() || value.getAsInt() >= DAYS) {
                    continue;
                }
                finding = findings.at(days.value().location()).message("Dependabot proposes new " + ecosystem
                        + " versions " + value.getAsInt() + " day" + (value.getAsInt() == 1 ? "" : "s")
                        + " after they are published (default-days: " + value.getAsInt() + ").");
            } else {
                if (coversEverySemverStep(cooldown)) {
                    continue;
                }
                finding = findings.at(cooldown.location()).message("Dependabot proposes new " + ecosystem
                        + " versions that no semver-*-days setting covers the day they are published: the cooldown "
                        + "has no default-days.");
            }
            finding.clause("most malicious releases are found and pulled within days; a cooldown of " + DAYS
                    + " days or more (cooldown: default-days: " + DAYS + ") keeps them out of its pull requests")
                    .severity(Severity.LOW);
            autoMerge.ifPresent(merge -> finding.clause("the workflow " + merge.workflow() + " merges or approves "
                            + "Dependabot's pull requests without a person, so such a version would land unread")
                    .severity(Severity.MEDIUM).related(merge.step(), "merges or approves Dependabot's pull requests")
                    .property(AUTO_MERGE, merge.workflow()));
            finding.subject(ecosystem).property("ecosystem", ecosystem).report();
        }
    }

    private static OptionalInt days(KeyValue setting) {
        try {
            return OptionalInt.of(Integer.parseInt(setting.value().value().strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether the semver settings alone hold back every major, minor and patch release long enough. */
    private static boolean coversEverySemverStep(DependabotConfig.Cooldown cooldown) {
        for (String key : SEMVER_DAYS) {
            Optional<KeyValue> setting = cooldown.days(key);
            if (setting.isEmpty() || days(setting.get()).orElse(0) < DAYS) {
                return false;
            }
        }
        return true;
    }

    /** A workflow that merges or approves Dependabot's pull requests by itself, and the step that does it. */
    private record AutoMerge(String workflow, Location step) {
    }

    /**
     * The first workflow of the configuration's repository with a job that acts on Dependabot's pull requests (its
     * conditions name Dependabot, or it reads dependabot/fetch-metadata) and merges or approves them by itself.
     */
    private static Optional<AutoMerge> autoMerge(Inventory inventory, String configPath) {
        Optional<String> folder = Inventory.repositoryFolder(configPath);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        for (Workflow workflow : inventory.workflowsByRepositoryFolder().getOrDefault(folder.get(), List.of())) {
            for (Job job : workflow.jobs()) {
                boolean aboutDependabot = namesDependabot(job.condition());
                Step merging = null;
                for (Step step : job.steps()) {
                    aboutDependabot |= namesDependabot(step.condition()) || step.uses("dependabot/fetch-metadata");
                    if (merging == null && merges(step)) {
                        merging = step;
                    }
                }
                if (aboutDependabot && merging != null) {
                    return Optional.of(new AutoMerge(workflow.path(), merging.uses() != null
                            ? merging.uses().location() : merging.run().location()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean namesDependabot(IfCondition condition) {
        return condition != null && condition.text().value().toLowerCase(Locale.ROOT).contains("dependabot");
    }

    private static boolean merges(Step step) {
        if (step.uses() != null && MERGE_ACTIONS.contains(step.uses().repository())) {
            return true;
        }
        if (step.run() == null) {
            return false;
        }
        String script = step.run().value();
        for (String command : MERGE_COMMANDS) {
            int at = script.indexOf(command);
            if (at >= 0 && (!command.endsWith("review") || script.indexOf("--approve", at) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
