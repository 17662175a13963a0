package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Condition.Form;
import org.junit.jupiter.api.Test;

import static dev.cimatrix.model.expr.Binary.Op.EQ;
import static dev.cimatrix.model.expr.ExprTrees.bin;
import static dev.cimatrix.model.expr.ExprTrees.lit;
import static dev.cimatrix.model.expr.ExprTrees.path;
import static dev.cimatrix.model.expr.ExprTrees.withoutPositions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionReaderTest {
    @Test
    void bareValueIsAnExpression() {
        Condition c = ConditionReader.read("github.event_name == 'push'");
        assertThat(c.form()).isEqualTo(Form.BARE_EXPRESSION);
        assertThat(withoutPositions(c.expr())).isEqualTo(bin(EQ, path("github.event_name"), lit("push")));
    }

    @Test
    void exactlyOneWrappedExpressionIsThatExpression() {
        Condition c = ConditionReader.read("${{ github.event_name == 'push' }}");
        assertThat(c.form()).isEqualTo(Form.WRAPPED_EXPRESSION);
        assertThat(c.isExpression()).isTrue();
        assertThat(withoutPositions(c.expr())).isEqualTo(bin(EQ, path("github.event_name"), lit("push")));
    }

    @Test
    void textAroundTheBracesMakesAString() {
        for (String raw : new String[]{"${{ false }}\n", " ${{ false }}", "${{ false }} && ${{ false }}",
                "always() && ${{ false }}", "${{ false }}${{ false }}"}) {
            Condition c = ConditionReader.read(raw);
            assertThat(c.form()).as(raw).isEqualTo(Form.INTERPOLATED_STRING);
            assertThat(c.expr()).isNull();
            assertThat(c.embedded()).isNotEmpty();
        }
    }

    @Test
    void syntaxErrorsPropagate() {
        assertThatThrownBy(() -> ConditionReader.read("github.x ==")).isInstanceOf(ExpressionSyntaxException.class);
        assertThatThrownBy(() -> ConditionReader.read("${{ a")).isInstanceOf(ExpressionSyntaxException.class);
    }
}
