package dev.cimatrix.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cimatrix.analyze.expr.ConditionFolder;
import dev.cimatrix.analyze.expr.ContextValues;
import dev.cimatrix.analyze.expr.EvaluationException;
import dev.cimatrix.analyze.expr.Evaluator;
import dev.cimatrix.analyze.expr.ExpressionTaint;
import dev.cimatrix.analyze.expr.IfConditions;
import dev.cimatrix.analyze.expr.TaintLookup;
import dev.cimatrix.analyze.expr.TaintTable;
import dev.cimatrix.discover.github.expr.ConditionReader;
import dev.cimatrix.discover.github.expr.ExpressionParser;
import dev.cimatrix.discover.github.expr.ExpressionSyntaxException;
import dev.cimatrix.discover.github.expr.TemplateScanner;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Embedded;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.ExprTrees;
import dev.cimatrix.model.expr.ExpressionPrinter;

import java.util.Map;
import java.util.Set;

/**
 * Fuzz targets for the expression language. The only exceptions allowed to escape are the documented
 * ones: {@link ExpressionSyntaxException} from parsing and {@link EvaluationException} from evaluation.
 * A tree that parses must also print and parse back to itself, and offsets must lie inside the input.
 */
class ExpressionFuzzTest {
    private static final ContextValues CONTEXTS = ContextValues.of(Map.of(
            "github.event_name", "pull_request_target",
            "env", Map.of("A", "1", "JSON", "{\"k\": [1, \"x\"]}")));
    private static final TaintLookup TAINT = TaintLookup.events(TaintTable.github(), Set.of("pull_request_target"));

    @FuzzTest(maxDuration = "2m")
    void expression(FuzzedDataProvider data) {
        String source = data.consumeRemainingAsString();
        Expr expr;
        try {
            expr = ExpressionParser.parse(source);
        } catch (ExpressionSyntaxException e) {
            check(e.column() >= 0 && e.column() <= Math.max(source.length(), ExpressionParser.MAX_LENGTH),
                    "error column " + e.column() + " outside the input");
            return;
        }
        exercise(expr, source.length());
    }

    @FuzzTest(maxDuration = "2m")
    void template(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            for (Embedded embedded : TemplateScanner.scan(text)) {
                check(embedded.offset() >= 0 && embedded.endOffset() <= text.length()
                        && text.startsWith("${{", embedded.offset()) && text.startsWith("}}", embedded.endOffset() - 2),
                        "embedded expression span is not a ${{ }} of the input");
                exercise(embedded.expr(), embedded.source().length());
            }
            Condition condition = ConditionReader.read(text);
            IfConditions.analyze(condition, CONTEXTS);
        } catch (ExpressionSyntaxException e) {
            check(e.column() >= 0 && e.column() <= text.length(), "error column " + e.column() + " outside the input");
        }
    }

    private static void exercise(Expr expr, int sourceLength) {
        check(expr.start() >= 0 && expr.end() <= sourceLength && expr.start() <= expr.end(),
                "node span " + expr.start() + ".." + expr.end() + " outside the source");
        String printed = ExpressionPrinter.print(expr);
        Expr reparsed = ExpressionParser.parse(printed);
        check(ExprTrees.withoutPositions(reparsed).equals(ExprTrees.withoutPositions(expr)),
                "printed form parses to a different tree: " + printed);
        try {
            new Evaluator(CONTEXTS).evaluate(expr);
        } catch (EvaluationException expected) {
            // A run-time error GitHub would also report.
        }
        new ConditionFolder(CONTEXTS).fold(expr);
        ExpressionTaint.sourcesOf(expr, TAINT);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
