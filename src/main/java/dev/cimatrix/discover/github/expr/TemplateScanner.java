package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Embedded;
import dev.cimatrix.model.expr.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every {@code ${{ … }}} in a YAML string and parses it. Like GitHub, the scanner skips closing braces
 * inside a quoted string literal (a format string may contain them), and an opening without a closing
 * is an error. Column numbers in errors are offsets in the whole string.
 */
public final class TemplateScanner {
    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    private TemplateScanner() {
    }

    /**
     * The expressions embedded in {@code text}, in order; empty when there are none.
     *
     * @throws ExpressionSyntaxException for an opening without a closing, or an embedded expression GitHub
     *                                   would reject
     */
    public static List<Embedded> scan(String text) {
        int open = text.indexOf(OPEN);
        if (open < 0) {
            return List.of();
        }
        List<Embedded> found = new ArrayList<>();
        while (open >= 0) {
            int sourceStart = open + OPEN.length();
            int close = closing(text, sourceStart);
            if (close < 0) {
                throw new ExpressionSyntaxException(open, "'${{' without a closing '}}'");
            }
            String source = text.substring(sourceStart, close);
            Expr expr;
            try {
                expr = ExpressionParser.parse(source);
            } catch (ExpressionSyntaxException e) {
                throw e.shifted(sourceStart);
            }
            int end = close + CLOSE.length();
            found.add(new Embedded(expr, source, open, end - open));
            open = text.indexOf(OPEN, end);
        }
        return found;
    }

    /** Offset of the closing braces that end an expression starting at {@code from}, or -1. */
    private static int closing(String text, int from) {
        int n = text.length();
        boolean inString = false;
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                // Inside a string, '' is an escaped quote: toggling twice leaves the state unchanged.
                inString = !inString;
            } else if (!inString && c == '}' && i + 1 < n && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }
}
