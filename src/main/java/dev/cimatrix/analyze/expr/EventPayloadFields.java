package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.expr.ContextPaths;

import java.util.Set;

/**
 * The top-level fields an event payload can have ({@code analyze/github-event-fields.yaml}): the union over every
 * event that can reach {@code github.event}. A path below {@code github.event} whose first field is not one of them is
 * null in every run.
 */
public final class EventPayloadFields {
    public static final String PREFIX = "github.event.";
    private static final Set<String> FIELDS = Set.copyOf(DataResource.load("github-event-fields.yaml").names("fields"));

    private EventPayloadFields() {
    }

    /** Every known field, in lower case. */
    public static Set<String> all() {
        return FIELDS;
    }

    /** The first field after {@code github.event.} of a lower-case path that starts with it; empty for any other. */
    public static String firstField(String path) {
        if (!path.startsWith(PREFIX)) {
            return "";
        }
        int end = path.indexOf('.', PREFIX.length());
        return path.substring(PREFIX.length(), end < 0 ? path.length() : end);
    }

    /**
     * True for a lower-case path below {@code github.event} whose first field no payload has, and which is therefore
     * null whatever the run; false for a computed field ({@code *}).
     */
    public static boolean absent(String path) {
        String field = firstField(path);
        return !field.isEmpty() && !field.equals(ContextPaths.ANY) && !FIELDS.contains(field);
    }

    /** The same contexts, with the paths no payload has known to be null. */
    static ContextValues withAbsentAsNull(ContextValues contexts) {
        return path -> absent(path) ? null : contexts.valueAt(path);
    }
}
