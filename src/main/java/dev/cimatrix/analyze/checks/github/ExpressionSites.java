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
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every {@code ${{ }}} written directly in a workflow, a job or a step (not in its children), so that a
 * check over expressions visits each exactly once through the workflow, job and step hooks.
 */
final class ExpressionSites {
    private ExpressionSites() {
    }

    static List<ExpressionUse> of(Workflow workflow) {
        return collect(values(workflow.env()));
    }

    static List<ExpressionUse> of(Job job) {
        List<Scalar> scalars = new ArrayList<>(job.runsOn());
        scalars.add(job.environment());
        scalars.addAll(values(job.env()));
        scalars.addAll(values(job.with()));
        scalars.addAll(values(job.secrets()));
        scalars.addAll(values(job.outputs()));
        scalars.addAll(values(job.matrix()));
        Stream.concat(Stream.ofNullable(job.container()), job.services().stream()).forEach(c -> scalars.addAll(of(c)));
        return collect(scalars);
    }

    static List<ExpressionUse> of(Step step) {
        List<Scalar> scalars = new ArrayList<>();
        scalars.add(step.run());
        scalars.add(step.workingDirectory());
        scalars.addAll(values(step.with()));
        scalars.addAll(values(step.env()));
        return collect(scalars);
    }

    private static List<Scalar> of(Container container) {
        List<Scalar> scalars = new ArrayList<>();
        scalars.add(container.image());
        scalars.add(container.options());
        scalars.addAll(values(container.credentials()));
        scalars.addAll(values(container.env()));
        return scalars;
    }

    private static List<Scalar> values(List<KeyValue> entries) {
        return entries.stream().map(KeyValue::value).toList();
    }

    private static List<ExpressionUse> collect(List<Scalar> scalars) {
        return scalars.stream().filter(Objects::nonNull).flatMap(s -> s.expressions().stream()).toList();
    }
}
