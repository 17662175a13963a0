package dev.cimatrix.catalog;

import java.util.List;

/**
 * A preventive or detective control. Checks that verify a preventive control and detection rules that
 * implement a detective one point at it by id; the catalog does not list them, so adding a check never
 * means editing the catalog.
 *
 * @param logSources for detective controls, the log sources that reveal its techniques; empty otherwise
 */
public record Control(String id, String name, ControlKind kind, List<String> techniques, List<String> platforms,
                      String implementation, List<LogSourceUse> logSources) {
    public Control {
        techniques = List.copyOf(techniques);
        platforms = List.copyOf(platforms);
        logSources = List.copyOf(logSources);
    }

    public List<String> logSourceIds() {
        return logSources.stream().map(LogSourceUse::source).toList();
    }
}
