package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.NumberText;

/**
 * Splits an expression into tokens, following GitHub's own lexer: {@code '} strings with {@code ''}
 * escapes, numbers in JavaScript syntax (a leading {@code -}, {@code +} or {@code .} starts one),
 * identifiers of letters, digits, {@code _} and {@code -}, and {@code .} as an operator only after
 * something that can be accessed. One pass, no backtracking.
 */
final class Tokenizer {
    enum Kind {
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT, BANG, BANG_EQUAL, EQUAL_EQUAL,
        LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, AND, OR, STAR, NUMBER, STRING, IDENTIFIER, TRUE, FALSE, NULL,
        END
    }

    private final String input;
    private int offset;

    private Kind[] kinds = new Kind[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private Object[] values = new Object[16];
    private int count;

    private Tokenizer(String input) {
        this.input = input;
    }

    /** The tokens of {@code input}, always ending with {@link Kind#END} at {@code input.length()}. */
    static Tokenizer tokenize(String input) {
        Tokenizer t = new Tokenizer(input);
        t.run();
        return t;
    }

    Kind kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    Object value(int i) {
        return values[i];
    }

    String text(int i) {
        return input.substring(starts[i], ends[i]);
    }

    private void run() {
        int n = input.length();
        while (offset < n) {
            int start = offset;
            char c = input.charAt(offset++);
            switch (c) {
                case ' ', '\t', '\r', '\n' -> {
                }
                case '(' -> add(Kind.LEFT_PAREN, start, null);
                case ')' -> add(Kind.RIGHT_PAREN, start, null);
                case '[' -> add(Kind.LEFT_BRACKET, start, null);
                case ']' -> add(Kind.RIGHT_BRACKET, start, null);
                case ',' -> add(Kind.COMMA, start, null);
                case '*' -> add(Kind.STAR, start, null);
                case '.' -> {
                    if (afterAccessible()) {
                        add(Kind.DOT, start, null);
                    } else {
                        number(start);
                    }
                }
                case '-', '+' -> number(start);
                case '!' -> add(match('=') ? Kind.BANG_EQUAL : Kind.BANG, start, null);
                case '<' -> add(match('=') ? Kind.LESS_EQUAL : Kind.LESS, start, null);
                case '>' -> add(match('=') ? Kind.GREATER_EQUAL : Kind.GREATER, start, null);
                case '=' -> pair('=', Kind.EQUAL_EQUAL, start);
                case '&' -> pair('&', Kind.AND, start);
                case '|' -> pair('|', Kind.OR, start);
                case '\'' -> string(start);
                default -> {
                    if (c >= '0' && c <= '9') {
                        number(start);
                    } else {
                        identifier(start);
                    }
                }
            }
        }
        add(Kind.END, n, null);
    }

    private boolean afterAccessible() {
        if (count == 0) {
            return false;
        }
        Kind previous = kinds[count - 1];
        return previous == Kind.IDENTIFIER || previous == Kind.RIGHT_BRACKET || previous == Kind.RIGHT_PAREN
                || previous == Kind.STAR;
    }

    private boolean match(char expected) {
        if (offset < input.length() && input.charAt(offset) == expected) {
            offset++;
            return true;
        }
        return false;
    }

    private void pair(char second, Kind kind, int start) {
        if (!match(second)) {
            throw new ExpressionSyntaxException(start,
                    "unexpected symbol '" + input.charAt(start) + "' (did you mean '" + input.charAt(start) + second + "'?)");
        }
        add(kind, start, null);
    }

    private void number(int start) {
        while (offset < input.length() && (!isBoundary(input.charAt(offset)) || input.charAt(offset) == '.')) {
            offset++;
        }
        String lexeme = input.substring(start, offset);
        double value = NumberText.parse(lexeme);
        if (Double.isNaN(value)) {
            throw new ExpressionSyntaxException(start, "invalid number '" + lexeme + "'");
        }
        add(Kind.NUMBER, start, value);
    }

    private void string(int start) {
        StringBuilder value = null;
        int segment = offset;
        int n = input.length();
        while (true) {
            int quote = input.indexOf('\'', offset);
            if (quote < 0) {
                throw new ExpressionSyntaxException(start, "unterminated string");
            }
            if (quote + 1 < n && input.charAt(quote + 1) == '\'') {
                if (value == null) {
                    value = new StringBuilder();
                }
                value.append(input, segment, quote + 1);
                offset = quote + 2;
                segment = offset;
                continue;
            }
            offset = quote + 1;
            String text = value == null ? input.substring(segment, quote) : value.append(input, segment, quote).toString();
            add(Kind.STRING, start, text);
            return;
        }
    }

    private void identifier(int start) {
        while (offset < input.length() && !isBoundary(input.charAt(offset))) {
            offset++;
        }
        String lexeme = input.substring(start, offset);
        if (!isLegalIdentifier(lexeme)) {
            throw new ExpressionSyntaxException(start, "unexpected symbol '" + lexeme + "'");
        }
        // After a dot every word is a property name, even 'true' or 'NaN'.
        boolean property = count > 0 && kinds[count - 1] == Kind.DOT;
        if (!property) {
            switch (lexeme) {
                case "true" -> add(Kind.TRUE, start, Boolean.TRUE);
                case "false" -> add(Kind.FALSE, start, Boolean.FALSE);
                case "null" -> add(Kind.NULL, start, null);
                case "NaN" -> add(Kind.NUMBER, start, Double.NaN);
                case "Infinity" -> add(Kind.NUMBER, start, Double.POSITIVE_INFINITY);
                default -> add(Kind.IDENTIFIER, start, lexeme);
            }
            return;
        }
        add(Kind.IDENTIFIER, start, lexeme);
    }

    private static boolean isBoundary(char c) {
        switch (c) {
            case '(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|':
                return true;
            default:
                return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    private static boolean isLegalIdentifier(String s) {
        char first = s.charAt(0);
        if (!(isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private void add(Kind kind, int start, Object value) {
        if (count == kinds.length) {
            int size = count * 2;
            kinds = java.util.Arrays.copyOf(kinds, size);
            starts = java.util.Arrays.copyOf(starts, size);
            ends = java.util.Arrays.copyOf(ends, size);
            values = java.util.Arrays.copyOf(values, size);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = kind == Kind.END ? start : offset;
        values[count] = value;
        count++;
    }
}
