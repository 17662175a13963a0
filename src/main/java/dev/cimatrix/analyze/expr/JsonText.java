package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.NumberText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code toJSON} and {@code fromJSON}: JSON with two-space indentation, as GitHub prints it. */
final class JsonText {
    /**
     * fromJSON reads with Jackson's streaming parser into the evaluator's values directly (objects as ordered
     * maps, numbers as doubles): a data-binding mapper would cost a cold scan tens of milliseconds to set up.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {
    }

    static Object parse(String text) {
        if (text.isBlank()) {
            throw new EvaluationException("fromJSON of an empty string");
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            parser.nextToken();
            Object value = value(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new EvaluationException("fromJSON of invalid JSON: " + trailing + " after the value");
            }
            return value;
        } catch (JacksonException e) {
            throw new EvaluationException("fromJSON of invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value at the parser's current token; a later duplicate name replaces the earlier value in place. */
    private static Object value(JsonParser parser) {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new EvaluationException("fromJSON of invalid JSON: unexpected " + parser.currentToken());
        };
    }

    static String print(Object value) {
        StringBuilder out = new StringBuilder();
        print(value, "", out);
        return out.toString();
    }

    private static void print(Object value, String indent, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : NumberText.format(d));
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent + "  ";
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                print(list.get(i), inner, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent + "  ";
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(inner);
                string(String.valueOf(entry.getKey()), out);
                out.append(": ");
                print(entry.getValue(), inner, out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        }
    }

    private static void string(String s, StringBuilder out) {
        Values.checkLength(out, "toJSON");
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
        Values.checkLength(out, "toJSON");
    }

    /** Whether a value contains {@link Values#UNKNOWN} anywhere. */
    static boolean containsUnknown(Object value) {
        if (Values.isUnknown(value)) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(JsonText::containsUnknown);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(JsonText::containsUnknown);
        }
        return false;
    }
}
