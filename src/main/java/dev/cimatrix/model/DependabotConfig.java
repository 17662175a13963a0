package dev.cimatrix.model;

import java.util.List;
import java.util.Optional;

/**
 * A Dependabot configuration file ({@code .github/dependabot.yml}): one entry per package ecosystem and folder that
 * Dependabot keeps up to date. Its location is its {@code updates} key, where an entry it lacks would go.
 */
public record DependabotConfig(String path, Location location, List<Update> updates, List<Registry> registries) {
    public DependabotConfig {
        updates = List.copyOf(updates);
        registries = List.copyOf(registries);
    }

    /**
     * A private registry of the top-level {@code registries}, with the settings that carry its secrets
     * ({@code password}, {@code token}, {@code key}) as written.
     */
    public record Registry(String name, Location location, List<KeyValue> credentials) {
        public Registry {
            credentials = List.copyOf(credentials);
        }
    }

    /**
     * One entry of {@code updates}.
     *
     * @param ecosystem        {@code package-ecosystem} as written
     * @param cooldown         the {@code cooldown} block; null when absent
     * @param externalCode     {@code insecure-external-code-execution}; null when absent
     * @param pullRequestLimit {@code open-pull-requests-limit}; null when absent (Dependabot's default is 5)
     * @param registries       the private registries the entry may use, by name ({@code *} for all of them)
     */
    public record Update(Scalar ecosystem, Cooldown cooldown, Scalar externalCode,
                         Scalar pullRequestLimit, List<Scalar> registries) {
        public Update {
            registries = List.copyOf(registries);
        }

        /** Whether Dependabot opens version updates for the entry: a limit of 0 leaves only security updates. */
        public boolean versionUpdates() {
            return pullRequestLimit == null || !pullRequestLimit.value().strip().equals("0");
        }
    }

    /**
     * A {@code cooldown} block.
     *
     * @param location where the block is written (its key)
     * @param days     its {@code default-days} and {@code semver-*-days} settings, as written
     */
    public record Cooldown(Location location, List<KeyValue> days) {
        public Cooldown {
            days = List.copyOf(days);
        }

        /** The setting {@code key} ({@code default-days}, {@code semver-major-days}…), when written. */
        public Optional<KeyValue> days(String key) {
            return days.stream().filter(d -> d.key().equals(key)).findFirst();
        }

        public Optional<KeyValue> defaultDays() {
            return days("default-days");
        }
    }
}
