package dev.cimatrix.analyze.gitlab;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cimatrix.analyze.expr.Truth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code rules:if} (or {@code only:variables}) expression of GitLab CI, evaluated before any pipeline runs: each
 * comparison is true, false or depends, from what the kind of pipeline says of the variables it reads. Comparisons
 * ({@code ==}, {@code !=}, {@code =~}, {@code !~}), a variable alone, {@code &&}, {@code ||} and parentheses; an
 * expression that cannot be read depends. Regular expressions are RE2, as GitLab's are.
 */
final class RuleCondition {
    /** Longer expressions are not read: they depend. */
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 64;

    private final List<String> tokens;
    private final Function<String, RuleValue> variables;
    private int at;
    private int depth;

    private RuleCondition(List<String> tokens, Function<String, RuleValue> variables) {
        this.tokens = tokens;
        this.variables = variables;
    }

    /** Whether the expression holds, given what each variable is ({@code variables} answers every name). */
    static Truth evaluate(String expression, Function<String, RuleValue> variables) {
        if (expression.length() > MAX_LENGTH) {
            return Truth.DEPENDS;
        }
        List<String> tokens = tokens(expression);
        if (tokens == null || tokens.isEmpty()) {
            return Truth.DEPENDS;
        }
        RuleCondition condition = new RuleCondition(tokens, variables);
        try {
            Truth truth = condition.or();
            return condition.at == tokens.size() ? truth : Truth.DEPENDS;
        } catch (IllegalStateException e) {
            return Truth.DEPENDS;
        }
    }

    private Truth or() {
        Truth truth = and();
        while (accept("||")) {
            truth = truth.or(and());
        }
        return truth;
    }

    private Truth and() {
        Truth truth = primary();
        while (accept("&&")) {
            truth = truth.and(primary());
        }
        return truth;
    }

    private Truth primary() {
        if (accept("(")) {
            if (++depth > MAX_DEPTH) {
                throw new IllegalStateException("nested too deep");
            }
            Truth inner = or();
            depth--;
            expect(")");
            return inner;
        }
        String left = next();
        if (accept("==") || accept("!=")) {
            boolean equal = tokens.get(at - 1).equals("==");
            Truth truth = value(left).equalTo(value(next()));
            return equal ? truth : truth.negate();
        }
        if (accept("=~") || accept("!~")) {
            boolean matches = tokens.get(at - 1).equals("=~");
            Truth truth = matches(value(left), next());
            return matches ? truth : truth.negate();
        }
        if (!left.startsWith("$")) {
            throw new IllegalStateException("a value alone");
        }
        return value(left).present();
    }

    private static Truth matches(RuleValue value, String regex) {
        if (!regex.startsWith("/")) {
            // A variable that holds the pattern: not known before the run.
            return value.kind() == RuleValue.Kind.UNSET ? Truth.ALWAYS_FALSE : Truth.DEPENDS;
        }
        if (value.kind() == RuleValue.Kind.UNSET) {
            return Truth.ALWAYS_FALSE;
        }
        if (value.certainText() == null) {
            return Truth.DEPENDS;
        }
        int end = regex.lastIndexOf('/');
        String flags = regex.substring(end + 1);
        try {
            Pattern pattern = Pattern.compile(regex.substring(1, end), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
            return pattern.matcher(value.certainText()).find() ? Truth.ALWAYS_TRUE : Truth.ALWAYS_FALSE;
        } catch (PatternSyntaxException e) {
            return Truth.DEPENDS;
        }
    }

    /** A token as a value: a variable, a quoted text or {@code null}. */
    private RuleValue value(String token) {
        if (token.startsWith("$")) {
            return variables.apply(token.startsWith("${") ? token.substring(2, token.length() - 1) : token.substring(1));
        }
        if (token.equals("null")) {
            return RuleValue.UNSET;
        }
        if (token.startsWith("\"") || token.startsWith("'")) {
            return RuleValue.known(token.substring(1, token.length() - 1));
        }
        throw new IllegalStateException("not a value: " + token);
    }

    private boolean accept(String token) {
        if (at < tokens.size() && tokens.get(at).equals(token)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalStateException("expected " + token);
        }
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new IllegalStateException("ends too soon");
        }
        return tokens.get(at++);
    }

    /**
     * The expression's tokens: variables, quoted texts, {@code /regex/flags}, {@code null}, operators and parentheses;
     * null when something else is there.
     */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean operandNext = true;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '$') {
                i++;
                if (i < n && text.charAt(i) == '{') {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    i = close + 1;
                } else {
                    while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                        i++;
                    }
                }
                operandNext = false;
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    return null;
                }
                i = close + 1;
                operandNext = false;
            } else if (c == '/' && operandNext) {
                // A regular expression, up to the next unescaped '/', then its flags.
                i++;
                while (i < n && text.charAt(i) != '/') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= n) {
                    return null;
                }
                i++;
                while (i < n && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                operandNext = false;
            } else if (text.startsWith("null", i)) {
                i += 4;
                operandNext = false;
            } else if (c == '(' || c == ')') {
                i++;
                operandNext = c == '(';
            } else if (i + 1 < n && List.of("==", "!=", "=~", "!~", "&&", "||").contains(text.substring(i, i + 2))) {
                i += 2;
                operandNext = true;
            } else {
                return null;
            }
            out.add(text.substring(start, i));
        }
        return out;
    }
}
