package dev.cimatrix.analyze;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Facts derived from the model once per scan and shared by checks (taint of a workflow's values, the
 * callers of a reusable workflow), so two checks never compute the same analysis twice.
 */
public final class Derived {
    private final Map<Object, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> compute) {
        Object value = values.get(key);
        if (value == null) {
            value = compute.get();
            values.put(key, value);
        }
        return (T) value;
    }
}
