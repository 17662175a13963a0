package dev.cimatrix.discover.github.expr;

import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.ExpressionPrinter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.cimatrix.model.expr.ExprTrees.bin;
import static dev.cimatrix.model.expr.ExprTrees.call;
import static dev.cimatrix.model.expr.ExprTrees.ctx;
import static dev.cimatrix.model.expr.ExprTrees.index;
import static dev.cimatrix.model.expr.ExprTrees.lit;
import static dev.cimatrix.model.expr.ExprTrees.not;
import static dev.cimatrix.model.expr.ExprTrees.prop;
import static dev.cimatrix.model.expr.ExprTrees.star;
import static dev.cimatrix.model.expr.ExprTrees.withoutPositions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random trees printed and parsed again give the same tree. Any expression may be the target of an access:
 * the printer adds the parentheses the grammar needs. The seed is printed on failure.
 */
class RoundTripPropertyTest {
    private static final String[] CONTEXTS = {"github", "env", "steps", "needs", "matrix", "inputs", "secrets"};
    private static final String[] NAMES = {"event", "head_ref", "my-step", "outputs", "_x", "true", "NaN", "a1"};
    private static final String[] FUNCTIONS = {"contains", "startsWith", "format", "join", "toJSON", "fromJSON",
            "myFunction"};
    private static final Object[] LITERALS = {null, true, false, 0.0, -0.0, 1.0, -9.2, 0.5, 1e-7, 3.0e21,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 255.0, "", "it's", "}}", "a b", "''"};

    @Test
    void printedTreesParseBackToTheSameTree() {
        // Reproduce a failure with -Droundtrip.seed=<the seed it printed>.
        long seed = Long.getLong("roundtrip.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            Expr tree = generate(random, 6);
            String printed = ExpressionPrinter.print(tree);
            Expr reparsed;
            try {
                reparsed = withoutPositions(ExpressionParser.parse(printed));
            } catch (ExpressionSyntaxException e) {
                throw new AssertionError("seed " + seed + ": " + printed + " does not parse: " + e.getMessage(), e);
            }
            assertThat(reparsed).as("seed %d: %s", seed, printed).isEqualTo(tree);
        }
    }

    private static Expr generate(Random random, int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(9);
        switch (choice) {
            case 0:
                return lit(LITERALS[random.nextInt(LITERALS.length)]);
            case 1:
                return ctx(CONTEXTS[random.nextInt(CONTEXTS.length)]);
            case 2:
                return prop(generate(random, depth - 1), NAMES[random.nextInt(NAMES.length)]);
            case 3:
                return index(generate(random, depth - 1), generate(random, depth - 1));
            case 4:
                return star(generate(random, depth - 1));
            case 5: {
                String function = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
                int arity = switch (function) {
                    case "contains", "startsWith" -> 2;
                    case "toJSON", "fromJSON" -> 1;
                    case "join" -> 1 + random.nextInt(2);
                    default -> 1 + random.nextInt(3);
                };
                List<Expr> args = new ArrayList<>();
                for (int a = 0; a < arity; a++) {
                    args.add(generate(random, depth - 1));
                }
                return call(function, args.toArray(Expr[]::new));
            }
            case 6:
                return not(generate(random, depth - 1));
            default: {
                Binary.Op[] ops = Binary.Op.values();
                return bin(ops[random.nextInt(ops.length)], generate(random, depth - 1), generate(random, depth - 1));
            }
        }
    }
}
