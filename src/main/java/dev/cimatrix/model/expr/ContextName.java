package dev.cimatrix.model.expr;

import java.util.Set;

/**
 * A top-level named value such as {@code github} or {@code steps}. GitHub compares these names without
 * regard to case, so {@link #name()} is stored in lower case.
 */
public record ContextName(String name, int start, int end) implements Expr {
    /** The contexts GitHub defines; other names parse (GitHub rejects them per key) but have no known value. */
    public static final Set<String> KNOWN = Set.of(
            "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs",
            "inputs");

    public ContextName {
        name = name.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isKnown() {
        return KNOWN.contains(name);
    }
}
