package dev.cimatrix.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Sigma condition grammar: {@code or} binds loosest, then {@code and}, then {@code not}, then {@code 1 of} /
 * {@code all of} over identifier patterns ({@code *} wildcards, or {@code them} for every identifier not starting
 * with {@code _}), then parentheses. Aggregations ({@code | count() ...}) were removed in Sigma 2 and are refused.
 */
final class ConditionParser {
    private final List<String> tokens;
    private final Map<String, EventTest> identifiers;
    private int position;

    private ConditionParser(List<String> tokens, Map<String, EventTest> identifiers) {
        this.tokens = tokens;
        this.identifiers = identifiers;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static EventTest parse(String condition, Map<String, EventTest> identifiers) {
        if (condition.contains("|")) {
            throw new IllegalArgumentException("aggregation in condition ('|'): removed in Sigma 2, use a "
                    + "correlation rule");
        }
        ConditionParser parser = new ConditionParser(tokenize(condition), identifiers);
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("empty condition");
        }
        EventTest test = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position)
                    + "' in condition");
        }
        return test;
    }

    private static List<String> tokenize(String condition) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : condition.toCharArray()) {
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (c != ' ' && !Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private boolean accept(String keyword) {
        String t = peek();
        if (t != null && t.equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private EventTest or() {
        List<EventTest> parts = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new EventTest.Or(parts);
    }

    private EventTest and() {
        List<EventTest> parts = new ArrayList<>(List.of(not()));
        while (accept("and")) {
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new EventTest.And(parts);
    }

    private EventTest not() {
        if (accept("not")) {
            return new EventTest.Not(not());
        }
        return primary();
    }

    private EventTest primary() {
        String t = peek();
        if (t == null) {
            throw new IllegalArgumentException("condition ends where an identifier was expected");
        }
        if (t.equals("(")) {
            position++;
            EventTest inner = or();
            if (!accept(")")) {
                throw new IllegalArgumentException("missing ')' in condition");
            }
            return inner;
        }
        if (t.equals(")")) {
            throw new IllegalArgumentException("unexpected ')' in condition");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (position + 1 < tokens.size() && tokens.get(position + 1).equalsIgnoreCase("of")) {
            position += 2;
            String pattern = peek();
            if (pattern == null || pattern.equals("(") || pattern.equals(")")) {
                throw new IllegalArgumentException("'" + t + " of' needs an identifier pattern or 'them'");
            }
            position++;
            List<EventTest> selected = select(pattern);
            return switch (lower) {
                case "1", "any" -> selected.size() == 1 ? selected.get(0) : new EventTest.Or(selected);
                case "all" -> selected.size() == 1 ? selected.get(0) : new EventTest.And(selected);
                default -> throw new IllegalArgumentException("'" + t + " of': only '1 of' and 'all of' exist in "
                        + "Sigma");
            };
        }
        if (lower.equals("and") || lower.equals("or") || lower.equals("of")) {
            throw new IllegalArgumentException("unexpected '" + t + "' in condition");
        }
        if (lower.equals("near")) {
            throw new IllegalArgumentException("'near' in condition: removed in Sigma 2, use a temporal "
                    + "correlation rule");
        }
        position++;
        EventTest test = identifiers.get(t);
        if (test == null) {
            throw new IllegalArgumentException("condition names '" + t + "', which is not a search identifier "
                    + "of the detection");
        }
        return test;
    }

    private List<EventTest> select(String pattern) {
        List<EventTest> selected = new ArrayList<>();
        if (pattern.equalsIgnoreCase("them")) {
            identifiers.forEach((name, test) -> {
                if (!name.startsWith("_")) {
                    selected.add(test);
                }
            });
        } else {
            Pattern regex = Pattern.compile(("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q"));
            identifiers.forEach((name, test) -> {
                if (regex.matcher(name).matches()) {
                    selected.add(test);
                }
            });
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("'" + pattern + "' matches no search identifier of the detection");
        }
        return selected;
    }
}
