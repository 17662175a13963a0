package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** At most this many strings come out of a value written with several expressions. */
    private static final int MAX_EXPANSIONS = 64;
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}", Pattern.DOTALL);

    private PossibleValues() {
    }

    /**
     * The known strings a value written with any number of expressions can take
     * ({@code ${{ env.REGISTRY }}/${{ matrix.image }}:latest}): each expression's possible values (literals, a
     * matrix axis, an {@code env} variable of the job or workflow written as a literal), in every combination, at
     * most {@value #MAX_EXPANSIONS}. A combination with a part unknown until run time is left out.
     */
    static List<String> expansions(Scalar scalar, Workflow workflow, Job job) {
        if (!scalar.hasExpressions()) {
            return List.of(scalar.value());
        }
        Matcher written = EXPRESSION.matcher(scalar.value());
        List<String> out = new ArrayList<>(List.of(""));
        int from = 0;
        int index = 0;
        while (written.find()) {
            if (index >= scalar.expressions().size()) {
                return List.of();
            }
            List<Value> values = new ArrayList<>();
            collect(scalar.expressions().get(index++).expr(), scalar.location(), workflow, job, values);
            String literal = scalar.value().substring(from, written.start());
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (Value value : values) {
                    if (value.known() && next.size() < MAX_EXPANSIONS) {
                        next.add(prefix + literal + value.text().get());
                    }
                }
            }
            out = next;
            from = written.end();
        }
        String rest = scalar.value().substring(from);
        return out.stream().map(prefix -> prefix + rest).toList();
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
        collect(scalar.expressions().get(0).expr(), scalar.location(), null, job, out);
        return out;
    }

    private static void collect(Expr expr, Location where, Workflow workflow, Job job, List<Value> out) {
        if (expr instanceof Binary b && b.op() == Binary.Op.OR) {
            collect(b.left(), where, workflow, job, out);
            collect(b.right(), where, workflow, job, out);
            return;
        }
        if (expr instanceof Binary b && b.op() == Binary.Op.AND) {
            // `cond && 'x'` yields 'x', or the falsy condition, which selects nothing.
            collect(b.right(), where, workflow, job, out);
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
                        collect(value.expressions().get(0).expr(), value.location(), null, null, out);
                    } else {
                        out.add(value.hasExpressions() ? new Value(Optional.empty(), value.location())
                                : new Value(Optional.of(value.value()), value.location()));
                    }
                }
                return;
            }
        }
        if (path.isPresent() && path.get().startsWith("env.") && path.get().indexOf('.', 4) < 0) {
            Optional<Scalar> literal = literalEnv(path.get().substring("env.".length()), workflow, job);
            if (literal.isPresent()) {
                out.add(new Value(Optional.of(literal.get().value()), literal.get().location()));
                return;
            }
        }
        out.add(new Value(Optional.empty(), where));
    }

    /** An env variable's value where the job's or else the workflow's env writes it as a literal. */
    private static Optional<Scalar> literalEnv(String name, Workflow workflow, Job job) {
        List<List<KeyValue>> scopes = new ArrayList<>();
        if (job != null) {
            scopes.add(job.env());
        }
        if (workflow != null) {
            scopes.add(workflow.env());
        }
        for (List<KeyValue> env : scopes) {
            Optional<KeyValue> set = env.stream().filter(kv -> kv.key().equalsIgnoreCase(name)).findFirst();
            if (set.isPresent()) {
                return set.get().value().hasExpressions() ? Optional.empty() : Optional.of(set.get().value());
            }
        }
        return Optional.empty();
    }
}
