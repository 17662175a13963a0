package dev.cimatrix.model;

import java.util.List;

/**
 * When a GitLab job runs, or a pipeline is created, as written: its {@code rules}, or its {@code only} and
 * {@code except}. What they mean is worked out by the analysis; the model keeps the text and where it stands.
 *
 * @param location      the {@code rules} (or {@code only}) key
 * @param rules         the {@code rules}, in order; empty when the job uses {@code only}/{@code except}
 * @param only          the refs of {@code only} ({@code only: [main, merge_requests]}, or its {@code refs})
 * @param onlyVariables the expressions of {@code only: variables}
 * @param except        the refs of {@code except}
 * @param opaque        whether part of it cannot be read before the pipeline runs (a {@code !reference}, a value of
 *                      the wrong shape): then nothing is concluded from it
 */
public record GitlabRuns(Location location, List<Rule> rules, List<Scalar> only, List<Scalar> onlyVariables,
                         List<Scalar> except, boolean opaque) {
    public GitlabRuns {
        rules = List.copyOf(rules);
        only = List.copyOf(only);
        onlyVariables = List.copyOf(onlyVariables);
        except = List.copyOf(except);
    }

    /** Whether the job is governed by {@code rules} rather than {@code only}/{@code except}. */
    public boolean byRules() {
        return !rules.isEmpty() || only.isEmpty() && onlyVariables.isEmpty() && except.isEmpty();
    }

    /**
     * One rule.
     *
     * @param condition   its {@code if}; null for none (the rule always matches, but for its other clauses)
     * @param when        its {@code when} ({@code on_success} when not written)
     * @param conditional whether it also has {@code changes} or {@code exists}, which depend on the commit's files
     * @param opaque      whether its {@code if} cannot be read (a {@code !reference})
     */
    public record Rule(Scalar condition, String when, boolean conditional, boolean opaque, Location location) {
    }
}
