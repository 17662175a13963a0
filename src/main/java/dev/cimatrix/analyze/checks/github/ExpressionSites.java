package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.Container;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code ${{ }}} written directly in a workflow, a job or a step (not in its children), so that a
 * check over expressions visits each exactly once through the workflow, job and step hooks.
 */
final class ExpressionSites {
    private ExpressionSites() {
    }

    static List<ExpressionUse> of(Workflow workflow) {
        return uses(values(workflow), false);
    }

    static List<ExpressionUse> of(Job job) {
        return uses(values(job), false);
    }

    static List<ExpressionUse> of(Step step) {
        return uses(values(step), false);
    }

    /**
     * The expressions of a step except those on commented-out lines of a multi-line value ({@link
     * Scalar#onCommentedLine}), for checks about what a value holds when it is used rather than what GitHub evaluates.
     */
    static List<ExpressionUse> usedBy(Step step) {
        return uses(values(step), true);
    }

    /** The same for a job's own values. */
    static List<ExpressionUse> usedBy(Job job) {
        return uses(values(job), true);
    }

    /** The same for a workflow's own values. */
    static List<ExpressionUse> usedBy(Workflow workflow) {
        return uses(values(workflow), true);
    }

    private static List<Scalar> values(Workflow workflow) {
        List<Scalar> values = new ArrayList<>();
        addValues(values, workflow.env());
        return values;
    }

    private static List<Scalar> values(Job job) {
        List<Scalar> values = new ArrayList<>(job.runsOn());
        values.add(job.environment());
        addValues(values, job.env());
        addValues(values, job.with());
        addValues(values, job.secrets());
        addValues(values, job.outputs());
        addValues(values, job.matrix());
        if (job.container() != null) {
            add(values, job.container());
        }
        for (Container service : job.services()) {
            add(values, service);
        }
        return values;
    }

    private static List<Scalar> values(Step step) {
        List<Scalar> values = new ArrayList<>();
        values.add(step.run());
        values.add(step.workingDirectory());
        addValues(values, step.with());
        addValues(values, step.env());
        return values;
    }

    private static void add(List<Scalar> values, Container container) {
        values.add(container.image());
        values.add(container.options());
        addValues(values, container.credentials());
        addValues(values, container.env());
    }

    private static void addValues(List<Scalar> values, List<KeyValue> entries) {
        for (int i = 0; i < entries.size(); i++) {
            values.add(entries.get(i).value());
        }
    }

    private static List<ExpressionUse> uses(List<Scalar> values, boolean skipCommentedLines) {
        List<ExpressionUse> uses = new ArrayList<>();
        for (Scalar value : values) {
            if (value == null) {
                continue;
            }
            for (ExpressionUse use : value.expressions()) {
                if (!skipCommentedLines || !value.onCommentedLine(use)) {
                    uses.add(use);
                }
            }
        }
        return uses;
    }
}
