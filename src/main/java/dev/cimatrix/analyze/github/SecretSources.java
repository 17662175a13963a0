package dev.cimatrix.analyze.github;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.Environment;
import dev.cimatrix.model.GithubSettings.Secret;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a secret a job reads comes from, as a repository's settings snapshot says: its deployment environment's own
 * secrets first, then the repository's, then the organisation's that the repository gets, as GitHub looks them up. A
 * snapshot that lists all three and holds the name in none says the job gets an empty value. Without such a snapshot,
 * or where a part of it was not read, nothing is known. Names compare without case, as GitHub's do. Built once per
 * scan.
 */
public final class SecretSources {
    /** Where a secret comes from. */
    public enum Source { ENVIRONMENT, REPOSITORY, ORGANIZATION, NONE }

    private final Inventory inventory;
    private final Map<GithubSettings, Names> names = new IdentityHashMap<>();

    /** The names one snapshot lists; {@code organization} null when not read, an environment's null likewise. */
    private record Names(Set<String> repository, Set<String> organization, Map<String, Set<String>> environments) {
    }

    private SecretSources(Inventory inventory) {
        this.inventory = inventory;
        for (GithubSettings settings : inventory.githubSettings()) {
            if (!settings.secretsRead() || settings.organization() != null) {
                continue;
            }
            Set<String> repository = new HashSet<>();
            for (Secret secret : settings.secrets()) {
                repository.add(key(secret.name().value()));
            }
            Set<String> organization = null;
            if (settings.organizationSecrets() != null) {
                organization = new HashSet<>();
                for (String name : settings.organizationSecrets()) {
                    organization.add(key(name));
                }
            }
            Map<String, Set<String>> environments = new HashMap<>();
            for (Environment environment : settings.environments()) {
                Set<String> own = null;
                if (environment.secrets() != null) {
                    own = new HashSet<>();
                    for (String name : environment.secrets()) {
                        own.add(key(name));
                    }
                }
                environments.putIfAbsent(environment.name().value().strip().toLowerCase(Locale.ROOT), own);
            }
            names.put(settings, new Names(repository, organization, environments));
        }
    }

    public static SecretSources of(Inventory inventory) {
        return new SecretSources(inventory);
    }

    /**
     * Where the secret {@code name} that a job of the workflow reads comes from; empty when not known (no snapshot
     * governs the workflow, a part it would take was not read, the job's environment is an expression or not listed).
     */
    public Optional<Source> of(String workflowPath, Job job, String name) {
        if (name.equals("*") || name.equalsIgnoreCase("GITHUB_TOKEN")) {
            return Optional.empty();
        }
        Optional<GithubSettings> governing = GoverningSettings.of(inventory, workflowPath, names::containsKey);
        if (governing.isEmpty()) {
            return Optional.empty();
        }
        Names listed = names.get(governing.get());
        String key = key(name);
        boolean environmentKnown = job.environment() == null;
        if (job.environment() != null && !job.environment().value().contains("${{")) {
            String environment = job.environment().value().strip().toLowerCase(Locale.ROOT);
            Set<String> own = listed.environments().get(environment);
            if (own != null && own.contains(key)) {
                return Optional.of(Source.ENVIRONMENT);
            }
            environmentKnown = own != null;
        }
        if (listed.repository().contains(key)) {
            return Optional.of(Source.REPOSITORY);
        }
        if (listed.organization() == null) {
            return Optional.empty();
        }
        if (listed.organization().contains(key)) {
            return Optional.of(Source.ORGANIZATION);
        }
        return environmentKnown ? Optional.of(Source.NONE) : Optional.empty();
    }

    private static String key(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }
}
