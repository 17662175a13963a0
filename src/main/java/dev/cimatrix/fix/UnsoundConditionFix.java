package dev.cimatrix.fix;

import dev.cimatrix.discover.github.expr.ExpressionParser;
import dev.cimatrix.discover.github.expr.ExpressionSyntaxException;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Embedded;

import java.util.Optional;

/**
 * The fix of {@code gha-unsound-condition}: an {@code if:} of several {@code ${{ }}} joined by text
 * ({@code ${{ a }} == 'x' && ${{ b }}}), which GitHub reads as a non-empty string and so as always true, becomes the
 * one expression it was meant to be ({@code ${{ a == 'x' && b }}}). The job or step then runs only when the condition
 * holds, which changes what runs: that is the point, but review it. Left as it is: a condition whose text does not join
 * its expressions into one expression, and one written as a block ({@code |}), whose trailing line break is the fault.
 */
final class UnsoundConditionFix {
    private final FileRewrite rewrite;

    UnsoundConditionFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    Optional<String> add(IfCondition condition) {
        Condition parsed = condition.parsed();
        if (parsed == null || parsed.form() != Condition.Form.INTERPOLATED_STRING) {
            return Optional.of("the condition is not a string of joined expressions");
        }
        Optional<YamlScalar.Style> style = rewrite.style(condition.text());
        if (style.isEmpty() || style.get() == YamlScalar.Style.LITERAL || style.get() == YamlScalar.Style.FOLDED) {
            return Optional.of("the condition is written as a block, whose last line break makes it a string; write it "
                    + "on the if: line");
        }
        String raw = parsed.raw();
        StringBuilder joined = new StringBuilder();
        int at = 0;
        for (Embedded embedded : parsed.embedded()) {
            joined.append(raw, at, embedded.offset()).append(embedded.source().strip());
            at = embedded.offset() + embedded.length();
        }
        joined.append(raw.substring(at));
        String expression = joined.toString().strip();
        try {
            ExpressionParser.parse(expression);
        } catch (ExpressionSyntaxException e) {
            return Optional.of("the text around the expressions does not join them into one expression ('"
                    + expression + "'); write the condition by hand");
        }
        return rewrite.replace(condition.text(), 0, condition.text().value().length(), "${{ " + expression + " }}");
    }
}
