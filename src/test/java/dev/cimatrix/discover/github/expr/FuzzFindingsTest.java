package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.ExpressionPrinter;
import org.junit.jupiter.api.Test;

import static dev.cimatrix.model.expr.ExprTrees.withoutPositions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs the fuzzer (docs/fuzzing.md) found to break an invariant, kept so they stay fixed. */
class FuzzFindingsTest {
    /**
     * {@code fAlse} was read as a context named {@code false}, which prints as the literal false: a keyword
     * in another case names no context, and GitHub rejects it.
     */
    @Test
    void keywordInAnotherCaseIsNotAContext() {
        for (String source : new String[]{"fAlse", "TRUE", "Null", "nan", "INFINITY"}) {
            assertThatThrownBy(() -> ExpressionParser.parse(source))
                    .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                        assertThat(e.column()).isZero();
                        assertThat(e.reason()).isEqualTo("unrecognized named-value '" + source + "'");
                    });
        }
        assertThat(roundTrips("github.fAlse")).isTrue();
    }

    private static boolean roundTrips(String source) {
        Expr expr = withoutPositions(ExpressionParser.parse(source));
        return withoutPositions(ExpressionParser.parse(ExpressionPrinter.print(expr))).equals(expr);
    }
}
