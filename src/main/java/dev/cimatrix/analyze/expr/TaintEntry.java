package dev.cimatrix.analyze.expr;

import java.util.Set;

/**
 * One row of the taint table: a context path pattern, whether an outside attacker controls it, under
 * which triggers, how sure that is, and why.
 *
 * @param oneLine the value never holds a line break or a space (a git branch name)
 */
public record TaintEntry(String path, boolean tainted, Set<String> triggers, Confidence confidence, String reason,
                         boolean oneLine) {

    public enum Confidence { HIGH, MEDIUM, LOW }

    public TaintEntry {
        triggers = Set.copyOf(triggers);
    }

    /** Whether the attacker controls the value when the workflow runs on one of {@code workflowTriggers}. */
    public boolean taintedUnder(Set<String> workflowTriggers) {
        if (!tainted) {
            return false;
        }
        for (String trigger : workflowTriggers) {
            if (triggers.contains(trigger)) {
                return true;
            }
        }
        return false;
    }

    /** Segments that are not wildcards: the more, the more specific the entry. */
    int literalSegments() {
        int count = 0;
        for (String segment : path.split("\\.")) {
            if (!segment.equals("*") && !segment.equals("**")) {
                count++;
            }
        }
        return count;
    }
}
