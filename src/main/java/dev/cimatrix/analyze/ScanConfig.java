package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Severity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's configuration ({@code .cimatrix.yml}): checks turned off, severities changed, paths ignored,
 * and options of individual checks.
 *
 * @param checkOptions per check id, its options, each a list of names or patterns (one written alone is a list of one)
 */
public record ScanConfig(Set<String> disabledChecks, Map<String, Severity> severityOverrides, List<GlobPattern> ignoredPaths,
                         Map<String, Map<String, List<String>>> checkOptions) {
    public ScanConfig {
        disabledChecks = Set.copyOf(disabledChecks);
        severityOverrides = Map.copyOf(severityOverrides);
        ignoredPaths = List.copyOf(ignoredPaths);
        checkOptions = Map.copyOf(checkOptions);
    }

    public static ScanConfig defaults() {
        return new ScanConfig(Set.of(), Map.of(), List.of(), Map.of());
    }

    public boolean enabled(String checkId) {
        return !disabledChecks.contains(checkId);
    }

    /** True when a path (relative, '/'-separated) or a folder it lies in matches one of the ignored globs. */
    public boolean ignores(String path) {
        for (GlobPattern glob : ignoredPaths) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** A list option of a check, such as {@code trusted-owners}, or the empty list. */
    public List<String> listOption(String checkId, String option) {
        return checkOptions.getOrDefault(checkId, Map.of()).getOrDefault(option, List.of());
    }
}
