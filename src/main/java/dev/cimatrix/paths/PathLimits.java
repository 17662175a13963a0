package dev.cimatrix.paths;

/**
 * Bounds of path enumeration, so that a large organisation still answers in seconds.
 *
 * @param maxLength  most moves in one path
 * @param maxPaths   most paths in the result
 * @param maxPerPair most paths between one entry point and one asset, so one pair cannot fill the result
 * @param maxExpansions most partial paths examined; when reached the result says it is truncated
 */
public record PathLimits(int maxLength, int maxPaths, int maxPerPair, int maxExpansions) {
    public static final PathLimits DEFAULT = new PathLimits(10, 100, 5, 2_000_000);

    public PathLimits {
        if (maxLength < 1 || maxPaths < 1 || maxPerPair < 1 || maxExpansions < 1) {
            throw new IllegalArgumentException("path limits must be positive");
        }
    }
}
