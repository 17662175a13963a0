package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Embedded;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cimatrix.model.expr.ExprTrees.call;
import static dev.cimatrix.model.expr.ExprTrees.lit;
import static dev.cimatrix.model.expr.ExprTrees.path;
import static dev.cimatrix.model.expr.ExprTrees.withoutPositions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateScannerTest {
    @Test
    void noExpressions() {
        assertThat(TemplateScanner.scan("echo hello")).isEmpty();
        assertThat(TemplateScanner.scan("")).isEmpty();
        assertThat(TemplateScanner.scan("${ not one } {{ nor this }} $ {{x}}")).isEmpty();
    }

    @Test
    void offsetsCoverTheWholeOccurrence() {
        String text = "echo \"${{ github.event.issue.title }}\" > ${{runner.temp}}/x";
        List<Embedded> found = TemplateScanner.scan(text);
        assertThat(found).hasSize(2);
        Embedded first = found.get(0);
        assertThat(text.substring(first.offset(), first.endOffset())).isEqualTo("${{ github.event.issue.title }}");
        assertThat(first.source()).isEqualTo(" github.event.issue.title ");
        assertThat(withoutPositions(first.expr())).isEqualTo(path("github.event.issue.title"));
        assertThat(text.substring(first.sourceOffset() + first.expr().start(), first.sourceOffset() + first.expr().end()))
                .isEqualTo("github.event.issue.title");
        Embedded second = found.get(1);
        assertThat(text.substring(second.offset(), second.endOffset())).isEqualTo("${{runner.temp}}");
    }

    @Test
    void closingBracesInsideAStringLiteralDoNotEndTheExpression() {
        List<Embedded> found = TemplateScanner.scan("${{ format('}}{0}}}', 'it''s }}') }} tail");
        assertThat(found).hasSize(1);
        assertThat(withoutPositions(found.get(0).expr())).isEqualTo(call("format", lit("}}{0}}}"), lit("it's }}")));
        assertThat(found.get(0).endOffset()).isEqualTo("${{ format('}}{0}}}', 'it''s }}') }}".length());
    }

    @Test
    void multiLineExpressions() {
        List<Embedded> found = TemplateScanner.scan("${{\n  github.event_name == 'push'\n  && true\n}}");
        assertThat(found).hasSize(1);
    }

    @Test
    void adjacentAndNestedLookingOccurrences() {
        assertThat(TemplateScanner.scan("${{a}}${{b}}")).hasSize(2);
        assertThat(TemplateScanner.scan("$${{ a }}}")).hasSize(1);
    }

    @Test
    void unterminatedOpeningIsReportedAtItsOffset() {
        assertThatThrownBy(() -> TemplateScanner.scan("ok ${{ a }} then ${{ b "))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(17);
                    assertThat(e.reason()).isEqualTo("'${{' without a closing '}}'");
                });
        // The only closing braces are inside an unterminated string literal.
        assertThatThrownBy(() -> TemplateScanner.scan("${{ 'abc }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.column()).isZero());
    }

    @Test
    void errorsInsideAnExpressionAreOffsetsInTheWholeString() {
        assertThatThrownBy(() -> TemplateScanner.scan("run ${{ a == }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(13);
                    assertThat(e.reason()).isEqualTo("unexpected end of expression");
                });
        assertThatThrownBy(() -> TemplateScanner.scan("x ${{ }}"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(5);
                    assertThat(e.reason()).isEqualTo("empty expression");
                });
    }

    @Test
    void manyOccurrencesScanInLinearTime() {
        String text = "echo ${{ github.sha }} ".repeat(20_000);
        long started = System.nanoTime();
        assertThat(TemplateScanner.scan(text)).hasSize(20_000);
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }
}
