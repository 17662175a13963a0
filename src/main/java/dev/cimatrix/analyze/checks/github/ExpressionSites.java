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
        List<ExpressionUse> uses = new ArrayList<>();
        addValues(uses, workflow.env());
        return uses;
    }

    static List<ExpressionUse> of(Job job) {
        List<ExpressionUse> uses = new ArrayList<>();
        for (Scalar runsOn : job.runsOn()) {
            add(uses, runsOn);
        }
        add(uses, job.environment());
        addValues(uses, job.env());
        addValues(uses, job.with());
        addValues(uses, job.secrets());
        addValues(uses, job.outputs());
        addValues(uses, job.matrix());
        if (job.container() != null) {
            add(uses, job.container());
        }
        for (Container service : job.services()) {
            add(uses, service);
        }
        return uses;
    }

    static List<ExpressionUse> of(Step step) {
        List<ExpressionUse> uses = new ArrayList<>();
        add(uses, step.run());
        add(uses, step.workingDirectory());
        addValues(uses, step.with());
        addValues(uses, step.env());
        return uses;
    }

    private static void add(List<ExpressionUse> uses, Container container) {
        add(uses, container.image());
        add(uses, container.options());
        addValues(uses, container.credentials());
        addValues(uses, container.env());
    }

    private static void addValues(List<ExpressionUse> uses, List<KeyValue> entries) {
        for (int i = 0; i < entries.size(); i++) {
            add(uses, entries.get(i).value());
        }
    }

    private static void add(List<ExpressionUse> uses, Scalar scalar) {
        if (scalar != null) {
            uses.addAll(scalar.expressions());
        }
    }
}
