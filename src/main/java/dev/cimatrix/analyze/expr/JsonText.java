package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.NumberText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** {@code toJSON} and {@code fromJSON}: JSON with two-space indentation, as GitHub prints it. */
final class JsonText {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonText() {
    }

    static Object parse(String text) {
        if (text.isBlank()) {
            throw new EvaluationException("fromJSON of an empty string");
        }
        try {
            return Values.normalise(MAPPER.readValue(text, Object.class));
        } catch (JacksonException e) {
            throw new EvaluationException("fromJSON of invalid JSON: " + e.getOriginalMessage(), e);
        }
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
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
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
