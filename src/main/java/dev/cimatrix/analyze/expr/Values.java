package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.NumberText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values of the expression language and GitHub's rules for them. A value is {@code null}, a
 * {@link Boolean}, a {@link Double}, a {@link String}, a {@link List} (array) or a {@link Map} with string
 * keys (object, looked up without regard to case), or {@link #UNKNOWN} for what cannot be known before the
 * workflow runs. The rules follow GitHub's expressions reference: loose equality after coercion, strings
 * compared ignoring case, NaN unequal to everything.
 */
public final class Values {
    /** A value that depends on the run: an event payload field, a step output, a secret. */
    public static final Object UNKNOWN = Unknown.VALUE;

    private enum Unknown {
        VALUE;

        @Override
        public String toString() {
            return "<unknown>";
        }
    }

    /**
     * Longest string {@code format}, {@code join} and {@code toJSON} may build. Nesting them doubles the
     * length at each level, so a hostile workflow could otherwise exhaust memory.
     */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    private Values() {
    }

    /** Fails when a string being built exceeds {@link #MAX_STRING_LENGTH}. */
    static void checkLength(CharSequence text, String function) {
        if (text.length() > MAX_STRING_LENGTH) {
            throw new EvaluationException(function + " would build a string longer than " + MAX_STRING_LENGTH
                    + " characters");
        }
    }

    public static boolean isUnknown(Object value) {
        return value == UNKNOWN;
    }

    /** Converts Java numbers (such as a YAML or JSON integer) to {@link Double}, recursively; other values stay. */
    public static Object normalise(Object value) {
        if (value instanceof Number n && !(value instanceof Double)) {
            return n.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalise(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return copy;
        }
        return value;
    }

    static boolean isPrimitive(Object value) {
        return value == null || value instanceof Boolean || value instanceof Double || value instanceof String;
    }

    /** GitHub's truthiness: false, 0, NaN, '' and null are falsy; arrays and objects are truthy. */
    public static boolean truthy(Object value) {
        requireKnown(value);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** The number a value converts to: null is 0, booleans are 1 and 0, strings as JavaScript reads them. */
    public static double toNumber(Object value) {
        requireKnown(value);
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            return NumberText.parse(s);
        }
        return Double.NaN;
    }

    /** The string a value converts to, as {@code format} and {@code join} produce it. */
    public static String toText(Object value) {
        requireKnown(value);
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Double d) {
            return NumberText.format(d);
        }
        if (value instanceof String s) {
            return s;
        }
        return value instanceof List ? "Array" : "Object";
    }

    /** {@code ==}: same kind after coercion (null and booleans to numbers, strings to numbers against a number). */
    public static boolean looseEquals(Object left, Object right) {
        Object[] pair = coerce(left, right);
        Object l = pair[0];
        Object r = pair[1];
        if (kind(l) != kind(r)) {
            return false;
        }
        if (l == null) {
            return true;
        }
        if (l instanceof Double a) {
            double b = (Double) r;
            return !a.isNaN() && !Double.isNaN(b) && a == b;
        }
        if (l instanceof String a) {
            return upper(a).equals(upper((String) r));
        }
        if (l instanceof Boolean a) {
            return a.equals(r);
        }
        // Arrays and objects are equal only to themselves.
        return l == r;
    }

    /** {@code >}: numbers, strings (ignoring case) and booleans after coercion; false for anything else. */
    public static boolean greaterThan(Object left, Object right) {
        Integer order = order(left, right);
        return order != null && order > 0;
    }

    /** {@code <}, with the same rules as {@link #greaterThan}. */
    public static boolean lessThan(Object left, Object right) {
        Integer order = order(left, right);
        return order != null && order < 0;
    }

    /** The order of two values after coercion, or null when they cannot be ordered (NaN, other kinds). */
    private static Integer order(Object left, Object right) {
        Object[] pair = coerce(left, right);
        Object l = pair[0];
        Object r = pair[1];
        if (kind(l) != kind(r)) {
            return null;
        }
        if (l instanceof Double a) {
            double b = (Double) r;
            if (a.isNaN() || Double.isNaN(b)) {
                return null;
            }
            return a < b ? -1 : a > b ? 1 : 0;
        }
        if (l instanceof String a) {
            return upper(a).compareTo(upper((String) r));
        }
        if (l instanceof Boolean a) {
            return Boolean.compare(a, (Boolean) r);
        }
        return null;
    }

    /**
     * GitHub's coercion before comparing: a number meets a string by converting the string; null and
     * booleans become numbers when the other side is of another kind. Arrays and objects are never coerced.
     */
    private static Object[] coerce(Object left, Object right) {
        requireKnown(left);
        requireKnown(right);
        if (kind(left) == kind(right)) {
            return new Object[]{left, right};
        }
        if (left instanceof Double && right instanceof String s) {
            return new Object[]{left, NumberText.parse(s)};
        }
        if (left instanceof String s && right instanceof Double) {
            return new Object[]{NumberText.parse(s), right};
        }
        if (left == null || left instanceof Boolean) {
            return coerce(toNumber(left), right);
        }
        if (right == null || right instanceof Boolean) {
            return coerce(left, toNumber(right));
        }
        return new Object[]{left, right};
    }

    private static int kind(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof Double) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        return value instanceof List ? 4 : 5;
    }

    /** Upper case for comparison, leaving the dotless i alone as GitHub does. */
    static String upper(String s) {
        if (s.indexOf('\u0131') < 0) {
            return s.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        int dotless;
        while ((dotless = s.indexOf('\u0131', from)) >= 0) {
            out.append(s.substring(from, dotless).toUpperCase(Locale.ROOT)).append('\u0131');
            from = dotless + 1;
        }
        return out.append(s.substring(from).toUpperCase(Locale.ROOT)).toString();
    }

    /** Object property lookup: exact key first, then ignoring case; null when absent. */
    static Object property(Map<?, ?> object, String key) {
        Object direct = object.get(key);
        if (direct != null || object.containsKey(key)) {
            return direct;
        }
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (entry.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void requireKnown(Object value) {
        if (value == UNKNOWN) {
            throw new IllegalArgumentException("an unknown value has no concrete form; test isUnknown first");
        }
    }
}
