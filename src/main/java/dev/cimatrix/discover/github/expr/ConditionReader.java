package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Condition.Form;
import dev.cimatrix.model.expr.Embedded;

import java.util.List;

/**
 * Reads an {@code if:} value the way GitHub does. Without expression delimiters it is a bare expression; exactly one
 * {@code ${{ … }}} and nothing else is that expression; anything else is an interpolated string, which is
 * truthy whenever it is not empty, whatever the expressions inside say.
 */
public final class ConditionReader {
    private ConditionReader() {
    }

    /** @throws ExpressionSyntaxException if the value or an expression in it does not parse */
    public static Condition read(String raw) {
        List<Embedded> embedded = TemplateScanner.scan(raw);
        if (embedded.isEmpty()) {
            return new Condition(raw, Form.BARE_EXPRESSION, ExpressionParser.parse(raw), List.of());
        }
        Embedded only = embedded.get(0);
        if (embedded.size() == 1 && only.offset() == 0 && only.length() == raw.length()) {
            return new Condition(raw, Form.WRAPPED_EXPRESSION, only.expr(), embedded);
        }
        return new Condition(raw, Form.INTERPOLATED_STRING, null, embedded);
    }
}
