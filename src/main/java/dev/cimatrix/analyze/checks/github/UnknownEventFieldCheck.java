package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.analyze.checks.github.EmptyReads.EmptyRead;
import dev.cimatrix.analyze.expr.EventPayloadFields;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.expr.ContextPaths;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An expression that reads {@code github.event.<field>} for a field that no event payload has
 * ({@code analyze/github-event-fields.yaml}): {@code github.event.issues.issue.labels} for
 * {@code github.event.issue.labels}, {@code github.event.input.version} for {@code inputs.version}. The value is
 * empty in every run, with no error: in an {@code if:} the condition is decided without what it was meant to test, so a
 * gate may let everything through or a job never run; elsewhere the step gets an empty value.
 */
public final class UnknownEventFieldCheck implements Check {
    public static final String ID = "gha-unknown-event-field";
    private static final String PREFIX = EventPayloadFields.PREFIX;
    private static final Set<String> FIELDS = EventPayloadFields.all();
    /** Most expressions read no event field: their text, compared without case as GitHub does, says so. */
    private static final TextSearch EVENT = TextSearch.anyOf("event");
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        EmptyReads.inValues(ExpressionSites.usedBy(context.workflow()), UnknownEventFieldCheck::unknownFields, findings);
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        EmptyReads.inJob(context.job(), UnknownEventFieldCheck::unknownFields, findings);
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        EmptyReads.inStep(context.step(), UnknownEventFieldCheck::unknownFields, findings);
    }

    /** The paths of {@code github.event} the expression reads whose first field no event payload has. */
    private static List<EmptyRead> unknownFields(ExpressionUse use) {
        if (!EVENT.foundIn(use.source())) {
            return List.of();
        }
        List<EmptyRead> out = new ArrayList<>();
        for (String read : ContextPaths.readBy(use.expr())) {
            String path = read.toLowerCase(Locale.ROOT);
            if (EventPayloadFields.absent(path) && out.stream().noneMatch(r -> r.path().equals(path))) {
                out.add(new EmptyRead(path, why(EventPayloadFields.firstField(path)), true));
            }
        }
        return out;
    }

    /**
     * The known field a misspelt one most likely meant: one that starts with it or that it starts with (a plural or a
     * cut name: {@code issues}, {@code input}, {@code base}), the closest in length first; else one a single edit away.
     */
    private static Optional<String> nearest(String field) {
        Optional<String> extended = FIELDS.stream().filter(f -> f.startsWith(field) || field.startsWith(f))
                .min(Comparator.comparingInt((String f) -> Math.abs(f.length() - field.length())).thenComparing(f -> f));
        return extended.or(() -> FIELDS.stream().filter(f -> ONE_EDIT.apply(f, field) >= 0).sorted().findFirst());
    }

    private static String why(String field) {
        return "but no event's payload has a field `" + field + "`"
                + nearest(field).map(f -> " (did you mean `" + PREFIX + f + "`?)").orElse("");
    }
}
