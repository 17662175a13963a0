package dev.cimatrix.discover.yaml;

/**
 * Bounds that keep a hostile or broken file from costing more than a clear error: file size, nesting depth
 * (also of nodes copied through aliases) and the number of nodes that aliases may produce (alias bombs).
 * The expansion budget counts every copied node, whether the alias names a scalar or a collection; it takes
 * the place of snakeyaml-engine's {@code maxAliasesForCollections}, which guards the engine's own composer,
 * not used here.
 *
 * @param maxFileBytes          largest file read, in bytes
 * @param maxDepth              deepest nesting of collections; at most {@value #DEPTH_CEILING} because
 *                              documents are built recursively, which takes up to about 1 KiB of thread
 *                              stack per level before the JIT compiles the builder: the default 500 levels
 *                              fit in the JVM's default 1 MiB thread stack, not in much smaller ones
 * @param maxAliasExpansionNodes most nodes that aliases and merge keys may copy into one file
 */
public record YamlLimits(long maxFileBytes, int maxDepth, int maxAliasExpansionNodes) {
    public static final int DEPTH_CEILING = 1_000;
    public static final YamlLimits DEFAULT = new YamlLimits(10L * 1024 * 1024, 500, 200_000);

    public YamlLimits {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and " + Integer.MAX_VALUE);
        }
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + DEPTH_CEILING);
        }
        if (maxAliasExpansionNodes < 0) {
            throw new IllegalArgumentException("maxAliasExpansionNodes must not be negative");
        }
    }

    public YamlLimits withMaxFileBytes(long bytes) {
        return new YamlLimits(bytes, maxDepth, maxAliasExpansionNodes);
    }

    public YamlLimits withMaxDepth(int depth) {
        return new YamlLimits(maxFileBytes, depth, maxAliasExpansionNodes);
    }

    public YamlLimits withMaxAliasExpansionNodes(int nodes) {
        return new YamlLimits(maxFileBytes, maxDepth, nodes);
    }
}
