package dev.cimatrix.detect;

import java.util.List;

/**
 * One loaded rule: a single-event detection (optionally with a {@link Baseline}) or a {@link Correlation}.
 *
 * @param techniques catalog technique ids from {@code cicd.tNNN} tags, such as {@code CICD-T016}
 * @param tactics    catalog tactic ids from tactic tags such as {@code cicd.exec}, placed with the techniques by
 *                   {@link RuleCells}
 * @param control    the catalog detective control the rule implements ({@code control: CICD-D0nn}), or null
 * @param groupBy    fields whose values group the rule's alerts (for correlations, the correlation's group-by)
 * @param text       the rule's YAML document as written, for {@code rules show} and {@code rules export}
 */
public record Rule(String id, String name, String title, String description, String status, Severity severity,
                   EventSource source, List<String> tags, List<String> techniques, List<String> tactics,
                   String control, List<String> groupBy, String file, int line, String text,
                   EventTest detection, Correlation correlation, Baseline baseline) {
    public Rule {
        tags = List.copyOf(tags);
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
        groupBy = List.copyOf(groupBy);
    }

    /** The id users see: the rule's id, else its name, else its file. */
    public String key() {
        if (id != null) {
            return id;
        }
        return name != null ? name : file;
    }

    public boolean isCorrelation() {
        return correlation != null;
    }

    /** Rule with its source given by correlation resolution (correlations have no logsource of their own). */
    Rule withSource(EventSource resolved) {
        return new Rule(id, name, title, description, status, severity, resolved, tags, techniques, tactics, control,
                groupBy, file, line, text, detection, correlation, baseline);
    }
}
