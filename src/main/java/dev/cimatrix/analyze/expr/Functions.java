package dev.cimatrix.analyze.expr;

import java.util.List;

import static dev.cimatrix.analyze.expr.Values.UNKNOWN;
import static dev.cimatrix.analyze.expr.Values.isUnknown;

/** GitHub's built-in string and array functions over evaluated arguments. */
final class Functions {
    private Functions() {
    }

    /** A string contains a substring (ignoring case), or an array holds an element equal to the item. */
    static Object contains(Object search, Object item) {
        if (isUnknown(search) || isUnknown(item)) {
            return UNKNOWN;
        }
        if (Values.isPrimitive(search)) {
            return Values.isPrimitive(item)
                    && Values.upper(Values.toText(search)).contains(Values.upper(Values.toText(item)));
        }
        if (search instanceof List<?> list) {
            boolean unknownElement = false;
            for (Object element : list) {
                if (isUnknown(element)) {
                    unknownElement = true;
                } else if (Values.looseEquals(item, element)) {
                    return true;
                }
            }
            return unknownElement ? UNKNOWN : false;
        }
        return false;
    }

    static Object startsWith(Object text, Object prefix) {
        if (isUnknown(text) || isUnknown(prefix)) {
            return UNKNOWN;
        }
        return Values.isPrimitive(text) && Values.isPrimitive(prefix)
                && Values.upper(Values.toText(text)).startsWith(Values.upper(Values.toText(prefix)));
    }

    static Object endsWith(Object text, Object suffix) {
        if (isUnknown(text) || isUnknown(suffix)) {
            return UNKNOWN;
        }
        return Values.isPrimitive(text) && Values.isPrimitive(suffix)
                && Values.upper(Values.toText(text)).endsWith(Values.upper(Values.toText(suffix)));
    }

    /** Elements as strings joined by the separator (',' by default); a primitive is its own string. */
    static Object join(Object array, Object separator) {
        if (isUnknown(array) || isUnknown(separator)) {
            return UNKNOWN;
        }
        if (Values.isPrimitive(array)) {
            return Values.toText(array);
        }
        if (!(array instanceof List<?> list)) {
            return "";
        }
        String between = Values.isPrimitive(separator) ? Values.toText(separator) : ",";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (isUnknown(list.get(i))) {
                return UNKNOWN;
            }
            if (i > 0) {
                out.append(between);
            }
            out.append(Values.toText(list.get(i)));
            Values.checkLength(out, "join");
        }
        return out.toString();
    }

    /**
     * {@code format(text, a0, a1, …)}: each {@code {N}} is replaced by argument N as a string (anything
     * between the digits and the closing brace, a format specifier, is ignored as GitHub does), doubled
     * braces are literal braces, and an unmatched brace or a missing argument fails.
     */
    static Object format(List<Object> args) {
        Object template = args.get(0);
        if (isUnknown(template)) {
            return UNKNOWN;
        }
        String text = Values.toText(template);
        StringBuilder out = new StringBuilder(text.length());
        boolean unknown = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{') {
                if (i + 1 < n && text.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int close = text.indexOf('}', i + 1);
                int digits = i + 1;
                while (digits < close && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                    digits++;
                }
                if (close < 0 || digits == i + 1) {
                    throw new EvaluationException("invalid format string: " + text);
                }
                long index = digits - i - 1 > 9 ? Long.MAX_VALUE : Long.parseLong(text.substring(i + 1, digits));
                if (index >= args.size() - 1) {
                    throw new EvaluationException("format string references argument " + index + " but only "
                            + (args.size() - 1) + " were supplied: " + text);
                }
                Object arg = args.get((int) index + 1);
                if (isUnknown(arg)) {
                    unknown = true;
                } else {
                    out.append(Values.toText(arg));
                    Values.checkLength(out, "format");
                }
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < n && text.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new EvaluationException("invalid format string: " + text);
            } else {
                out.append(c);
                i++;
            }
        }
        // Errors in the format string are found even when an argument is unknown.
        return unknown ? UNKNOWN : out.toString();
    }
}
