package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The strings a value such as {@code image: ${{ matrix.image }}} or
 * {@code ${{ inputs.redis && 'redis:7' || '' }}} can take: string literals chosen by {@code &&} and
 * {@code ||}, the values of a matrix axis, and "unknown" for anything decided by run-time data.
 */
final class PossibleValues {
    /** One possible value; {@code text} is empty when the value is unknown until run time. */
    record Value(Optional<String> text, Location where) {
        boolean known() {
            return text.isPresent();
        }
    }

    private PossibleValues() {
    }

    /** The possible values of a scalar; a value without expressions is its own only value. */
    static List<Value> of(Scalar scalar, Job job) {
        if (!scalar.hasExpressions()) {
            return List.of(new Value(Optional.of(scalar.value()), scalar.location()));
        }
        if (!scalar.isSingleExpression()) {
            return List.of(new Value(Optional.empty(), scalar.location()));
        }
        List<Value> out = new ArrayList<>();
        collect(scalar.expressions().get(0).expr(), scalar.location(), job, out);
        return out;
    }

    private static void collect(Expr expr, Location where, Job job, List<Value> out) {
        if (expr instanceof Binary b && b.op() == Binary.Op.OR) {
            collect(b.left(), where, job, out);
            collect(b.right(), where, job, out);
            return;
        }
        if (expr instanceof Binary b && b.op() == Binary.Op.AND) {
            // `cond && 'x'` yields 'x', or the falsy condition, which selects nothing.
            collect(b.right(), where, job, out);
            return;
        }
        if (expr instanceof Literal literal) {
            if (literal.value() instanceof String s) {
                out.add(new Value(Optional.of(s), where));
            }
            return;
        }
        Optional<String> path = ContextPaths.of(expr);
        if (job != null && path.isPresent() && path.get().startsWith("matrix.") && path.get().indexOf('.', 7) < 0) {
            String axis = path.get().substring("matrix.".length());
            List<Scalar> values = job.matrixValues().stream()
                    .filter(kv -> kv.key().equalsIgnoreCase(axis)).map(kv -> kv.value()).toList();
            if (!values.isEmpty()) {
                for (Scalar value : values) {
                    if (value.isSingleExpression()) {
                        // A matrix value may itself choose between literals; matrix axes do not refer to each other.
                        collect(value.expressions().get(0).expr(), value.location(), null, out);
                    } else {
                        out.add(value.hasExpressions() ? new Value(Optional.empty(), value.location())
                                : new Value(Optional.of(value.value()), value.location()));
                    }
                }
                return;
            }
        }
        out.add(new Value(Optional.empty(), where));
    }
}
