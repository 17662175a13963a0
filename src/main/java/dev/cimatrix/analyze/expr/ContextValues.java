package dev.cimatrix.analyze.expr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What is known before a run about the contexts an expression reads. The evaluator asks for the longest
 * path first ({@code github.event_name}) and then for shorter ones ({@code github}), so a caller can fix
 * single fields or supply whole objects.
 */
@FunctionalInterface
public interface ContextValues {
    /**
     * The value at a lower-case dotted path without wildcards, such as {@code github.event_name}, or
     * {@link Values#UNKNOWN}.
     */
    Object valueAt(String path);

    /** Nothing is known. */
    static ContextValues unknown() {
        return path -> Values.UNKNOWN;
    }

    /**
     * Values by path (keys are compared in lower case; integers become numbers). A path that is not given
     * is unknown; below a given object, absent properties are null as they would be at run time.
     */
    static ContextValues of(Map<String, ?> known) {
        Map<String, Object> byPath = new HashMap<>();
        known.forEach((path, value) -> byPath.put(path.toLowerCase(Locale.ROOT), Values.normalise(value)));
        return path -> byPath.containsKey(path) ? byPath.get(path) : Values.UNKNOWN;
    }
}
