package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextName;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.ExpressionPrinter;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cimatrix.model.expr.Binary.Op.AND;
import static dev.cimatrix.model.expr.Binary.Op.EQ;
import static dev.cimatrix.model.expr.Binary.Op.GE;
import static dev.cimatrix.model.expr.Binary.Op.LT;
import static dev.cimatrix.model.expr.Binary.Op.NE;
import static dev.cimatrix.model.expr.Binary.Op.OR;
import static dev.cimatrix.model.expr.ExprTrees.bin;
import static dev.cimatrix.model.expr.ExprTrees.call;
import static dev.cimatrix.model.expr.ExprTrees.ctx;
import static dev.cimatrix.model.expr.ExprTrees.index;
import static dev.cimatrix.model.expr.ExprTrees.lit;
import static dev.cimatrix.model.expr.ExprTrees.not;
import static dev.cimatrix.model.expr.ExprTrees.path;
import static dev.cimatrix.model.expr.ExprTrees.prop;
import static dev.cimatrix.model.expr.ExprTrees.star;
import static dev.cimatrix.model.expr.ExprTrees.withoutPositions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionParserTest {
    private static Expr parse(String source) {
        return withoutPositions(ExpressionParser.parse(source));
    }

    @Test
    void literals() {
        assertThat(parse("null")).isEqualTo(lit(null));
        assertThat(parse("true")).isEqualTo(lit(true));
        assertThat(parse("false")).isEqualTo(lit(false));
        assertThat(parse("'it''s'")).isEqualTo(lit("it's"));
        assertThat(parse("''''''")).isEqualTo(lit("''"));
        assertThat(parse("''")).isEqualTo(lit(""));
        assertThat(parse("'a}}b'")).isEqualTo(lit("a}}b"));
    }

    @ParameterizedTest
    @CsvSource({
            "711, 711", "-9.2, -9.2", "+5, 5", ".5, 0.5", "5., 5", "0xff, 255", "0XFF, 255", "0o17, 15",
            "0b101, 5", "-2.99e-2, -0.0299", "1E3, 1000", "2.5e+2, 250", "Infinity, Infinity",
            "-Infinity, -Infinity"
    })
    void numbers(String source, double expected) {
        assertThat(parse(source)).isEqualTo(lit(expected));
    }

    @Test
    void nanIsANumberLiteral() {
        assertThat(((Literal) parse("NaN")).value()).isEqualTo(Double.NaN);
    }

    @Test
    void contextsAndFunctionsIgnoreCase() {
        assertThat(parse("GITHUB.Event_Name")).isEqualTo(prop(ctx("github"), "Event_Name"));
        assertThat(parse("FromJson(Steps.x.outputs.y)")).isEqualTo(call("fromJSON", path("steps.x.outputs.y")));
        assertThat(parse("STARTSWITH('a', 'b')")).isEqualTo(call("startsWith", lit("a"), lit("b")));
    }

    @Test
    void unknownContextNamesParseAndSayTheyAreUnknown() {
        assertThat(((ContextName) ExpressionParser.parse("Github")).isKnown()).isTrue();
        assertThat(((ContextName) ExpressionParser.parse("foo")).isKnown()).isFalse();
    }

    @Test
    void identifiersAllowDashesAndUnderscoresAndKeywordsAfterADot() {
        assertThat(parse("steps.my-step_1.outputs.out-put"))
                .isEqualTo(path("steps.my-step_1.outputs.out-put"));
        assertThat(parse("github.event.true.null.NaN")).isEqualTo(path("github.event.true.null.NaN"));
    }

    @Test
    void accessForms() {
        assertThat(parse("github['event'].commits[0].message"))
                .isEqualTo(prop(index(prop(index(ctx("github"), lit("event")), "commits"), lit(0.0)), "message"));
        assertThat(parse("github.event.commits.*.message")).isEqualTo(path("github.event.commits.*.message"));
        assertThat(parse("github.event.commits[*].message")).isEqualTo(path("github.event.commits.*.message"));
        assertThat(parse("matrix[env.KEY]")).isEqualTo(index(ctx("matrix"), path("env.KEY")));
        assertThat(parse("fromJSON(x).a[1]")).isEqualTo(index(prop(call("fromJSON", ctx("x")), "a"), lit(1.0)));
        assertThat(parse("(github).sha")).isEqualTo(path("github.sha"));
        assertThat(parse("(github.event).*")).isEqualTo(star(path("github.event")));
    }

    @Test
    void precedenceFromTightestToLoosest() {
        // ! binds tighter than comparisons, which bind tighter than equality, then && then ||.
        assertThat(parse("!a == b")).isEqualTo(bin(EQ, not(ctx("a")), ctx("b")));
        assertThat(parse("a < b == c >= d")).isEqualTo(bin(EQ, bin(LT, ctx("a"), ctx("b")), bin(GE, ctx("c"), ctx("d"))));
        assertThat(parse("a == b && c != d")).isEqualTo(bin(AND, bin(EQ, ctx("a"), ctx("b")), bin(NE, ctx("c"), ctx("d"))));
        assertThat(parse("a || b && c")).isEqualTo(bin(OR, ctx("a"), bin(AND, ctx("b"), ctx("c"))));
        assertThat(parse("a && b || c")).isEqualTo(bin(OR, bin(AND, ctx("a"), ctx("b")), ctx("c")));
        assertThat(parse("(a || b) && c")).isEqualTo(bin(AND, bin(OR, ctx("a"), ctx("b")), ctx("c")));
        assertThat(parse("!(a && b)")).isEqualTo(not(bin(AND, ctx("a"), ctx("b"))));
        assertThat(parse("!!a")).isEqualTo(not(not(ctx("a"))));
    }

    @Test
    void operatorsAssociateToTheLeft() {
        assertThat(parse("a == b == c")).isEqualTo(bin(EQ, bin(EQ, ctx("a"), ctx("b")), ctx("c")));
        assertThat(parse("a || b || c")).isEqualTo(bin(OR, bin(OR, ctx("a"), ctx("b")), ctx("c")));
    }

    @Test
    void everyBuiltInFunction() {
        for (String source : new String[]{"contains(a, b)", "startsWith(a, b)", "endsWith(a, b)", "format('{0}', a)",
                "format('x')", "join(a)", "join(a, ', ')", "toJSON(a)", "fromJSON(a)", "hashFiles('**/x', '*.y')",
                "success()", "always()", "cancelled()", "failure()", "case(a, 1, b, 2, 3)"}) {
            assertThat(parse(source)).as(source).isInstanceOf(Call.class);
        }
    }

    @Test
    void unknownFunctionsParseWithTheirSpelling() {
        assertThat(parse("myFunc(1)")).isEqualTo(call("myFunc", lit(1.0)));
    }

    @Test
    void aTrailingCommaInArgumentsIsAcceptedAsByGitHub() {
        assertThat(parse("contains(a, b,)")).isEqualTo(call("contains", ctx("a"), ctx("b")));
    }

    @Test
    void positionsAreCharacterOffsets() {
        Expr expr = ExpressionParser.parse("  github.event.issue.title == 'x' ");
        assertThat(expr.start()).isEqualTo(2);
        assertThat(expr.end()).isEqualTo(33);
        Property left = (Property) ((Binary) expr).left();
        assertThat(left.start()).isEqualTo(2);
        assertThat(left.end()).isEqualTo(26);
        Call call = (Call) ExpressionParser.parse("format('{0}', a)");
        assertThat(call.args().get(1).start()).isEqualTo(14);
        assertThat(call.end()).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                     | 0  | empty expression",
            "\"   \"                  | 0  | empty expression",
            "a ==                     | 4  | unexpected end of expression",
            "a = b                    | 2  | unexpected symbol '=' (did you mean '=='?)",
            "a & b                    | 2  | unexpected symbol '&' (did you mean '&&'?)",
            "'abc                     | 0  | unterminated string",
            "a.                       | 2  | unexpected end of expression",
            "a.1                      | 2  | unexpected symbol '1'",
            "(a                       | 2  | unexpected end of expression, expected ')'",
            "a[0                      | 3  | unexpected end of expression, expected ']'",
            "a b                      | 2  | unexpected symbol 'b'",
            "'x'.length               | 3  | invalid number '.length'",
            "'x'[0]                   | 3  | unexpected symbol '['",
            "1a                       | 0  | invalid number '1a'",
            "- 1                      | 0  | invalid number '-'",
            "$x                       | 0  | unexpected symbol '$x'",
            "contains(a)              | 0  | too few arguments for contains: 1 given, at least 2 needed",
            "success(1)               | 0  | too many arguments for success: 1 given, at most 0 allowed",
            "case(a, b)               | 0  | too few arguments for case: 2 given, at least 3 needed",
            "case(a, b, c, d)         | 0  | case needs an odd number of arguments (pairs of condition and value, then a default)",
            "f(a b)                   | 4  | unexpected symbol 'b'",
            "a.b(1)                   | 3  | unexpected symbol '('",
            "github.event.*x          | 14 | unexpected symbol 'x'",
    })
    void errorsNameTheColumnAndTheReason(String source, int column, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(source))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }

    @Test
    void aSingleBarIsNotAnOperator() {
        assertThatThrownBy(() -> ExpressionParser.parse("a | b"))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.reason()).isEqualTo("unexpected symbol '|' (did you mean '||'?)");
                });
    }

    @Test
    void hostileNestingIsAnErrorNotAStackOverflow() {
        for (String source : new String[]{"(".repeat(10_000) + "a" + ")".repeat(10_000), "!".repeat(20_000) + "a",
                "a" + ".b".repeat(5_000), "a" + " || a".repeat(2_000), "f(".repeat(5_000) + ")".repeat(5_000),
                "a" + "[a".repeat(5_000) + "]".repeat(5_000), "a" + " == a".repeat(2_000)}) {
            assertThatThrownBy(() -> ExpressionParser.parse(source))
                    .isInstanceOf(ExpressionSyntaxException.class)
                    .hasMessageContaining("nested deeper than 200 levels");
        }
    }

    @Test
    void deepButLegalNestingParses() {
        String source = "(".repeat(150) + "a" + ")".repeat(150);
        assertThat(parse(source)).isEqualTo(ctx("a"));
    }

    @Test
    void overlongInputIsRejected() {
        assertThatThrownBy(() -> ExpressionParser.parse("'" + "x".repeat(30_000) + "'"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("longer than 21000 characters");
    }

    @Test
    void printedFormParsesBack() {
        String source = "!(github.event_name == 'push' || contains(github.event.pull_request.labels.*.name, 'ok')) "
                + "&& format('{0}''s', fromJSON(steps.x.outputs.y)['k'][0]) != null";
        Expr expr = parse(source);
        assertThat(parse(ExpressionPrinter.print(expr))).isEqualTo(expr);
    }
}
