package dev.cimatrix.discover.yaml;

/** How a CI platform reads YAML beyond the core schema. Anchors, aliases and custom tags are kept by all. */
public enum YamlDialect {
    /** GitHub Actions: anchors and aliases, but {@code <<} is an ordinary key (GitHub has no merge keys). */
    GITHUB(false),
    /** GitLab CI, CircleCI, Bitbucket Pipelines: {@code <<: *a} and {@code <<: [*a, *b]} merge mappings. */
    MERGING(true);

    private final boolean mergeKeys;

    YamlDialect(boolean mergeKeys) {
        this.mergeKeys = mergeKeys;
    }

    public boolean mergeKeys() {
        return mergeKeys;
    }
}
