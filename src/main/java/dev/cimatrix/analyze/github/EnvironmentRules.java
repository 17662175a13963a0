package dev.cimatrix.analyze.github;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.Environment;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Scalar;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The protection rules of the deployment environments that jobs name, as the settings file governing each workflow
 * states them. An environment the file does not list, or one a job names through an expression, is unknown: the file
 * states only what it manages. Built once per scan; the environments of each file are indexed by name, which
 * GitHub compares without case.
 */
public final class EnvironmentRules {
    private final Inventory inventory;
    private final Map<GithubSettings, Map<String, Environment>> byName = new IdentityHashMap<>();

    private EnvironmentRules(Inventory inventory) {
        this.inventory = inventory;
        for (GithubSettings settings : inventory.githubSettings()) {
            Map<String, Environment> named = new HashMap<>();
            for (Environment environment : settings.environments()) {
                named.putIfAbsent(key(environment.name().value()), environment);
            }
            byName.put(settings, named);
        }
    }

    public static EnvironmentRules of(Inventory inventory) {
        return new EnvironmentRules(inventory);
    }

    /**
     * The rules of the environment a job of the workflow names, when the governing settings file lists it.
     *
     * @param environment the job's {@code environment} name as written; null for none
     */
    public Optional<Protection> protection(String workflowPath, Scalar environment) {
        if (environment == null || environment.value().contains("${{")) {
            return Optional.empty();
        }
        return GoverningSettings.of(inventory, workflowPath, s -> !s.environments().isEmpty())
                .flatMap(settings -> Optional.ofNullable(byName.get(settings).get(key(environment.value())))
                        .map(e -> new Protection(e, settings.path())));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * One environment's rules, as the settings file at {@code settingsPath} lists them.
     */
    public record Protection(Environment environment, String settingsPath) {
        public String name() {
            return environment.name().value().strip();
        }

        /** Whether a reviewer must approve each run before the job starts. */
        public boolean reviewed() {
            return environment.reviewers() > 0;
        }

        /** Whether the one who started a run may not approve it ({@code prevent_self_review}). */
        public boolean selfReviewPrevented() {
            return environment.preventSelfReview() != null && environment.preventSelfReview().value();
        }

        /** Whether only runs of the branches (or tags) its deployment branch policy allows may use it. */
        public boolean branchLimited() {
            return environment.branchPolicy() != null;
        }

        /** Where the file lists the environment, as a message cites it. */
        public String cited() {
            return settingsPath + ":" + environment.location().startLine();
        }

        /** What the approval asks, for a message: "one of its 2 required reviewers approves each run". */
        public String approval() {
            int n = environment.reviewers();
            return (n == 1 ? "its required reviewer approves" : "one of its " + n + " required reviewers approves")
                    + " each run" + (selfReviewPrevented() ? ", who may not be the one who started it" : "");
        }
    }
}
