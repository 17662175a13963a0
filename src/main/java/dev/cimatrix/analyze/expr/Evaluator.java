package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextName;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.cimatrix.analyze.expr.Values.UNKNOWN;
import static dev.cimatrix.analyze.expr.Values.isUnknown;

/**
 * Evaluates expressions with GitHub's semantics (docs: "Evaluate expressions in workflows and actions").
 * Whatever depends on an unknown value is {@link Values#UNKNOWN}, except where GitHub would not look at it:
 * {@code false && x} is false and {@code true || x} is true whatever x is.
 */
public final class Evaluator {
    private final ContextValues contexts;
    private final JobStatus status;

    public Evaluator(ContextValues contexts, JobStatus status) {
        // A field no event payload has is null in every run, whatever else is known.
        this.contexts = EventPayloadFields.withAbsentAsNull(contexts);
        this.status = status;
    }

    public Evaluator(ContextValues contexts) {
        this(contexts, JobStatus.UNKNOWN);
    }

    /**
     * The value of {@code expr}: null, Boolean, Double, String, List, Map or {@link Values#UNKNOWN}.
     *
     * @throws EvaluationException where GitHub's evaluation would fail
     */
    public Object evaluate(Expr expr) {
        if (expr instanceof Literal l) {
            return l.value();
        }
        if (expr instanceof Not n) {
            Object operand = evaluate(n.operand());
            return isUnknown(operand) ? UNKNOWN : !Values.truthy(operand);
        }
        if (expr instanceof Binary b) {
            return binary(b);
        }
        if (expr instanceof Call c) {
            return call(c);
        }
        return access(expr);
    }

    private Object binary(Binary b) {
        Object left = evaluate(b.left());
        switch (b.op()) {
            case AND, OR -> {
                if (!isUnknown(left) && Values.truthy(left) == (b.op() == Binary.Op.OR)) {
                    return left;
                }
                Object right = evaluate(b.right());
                return isUnknown(left) ? UNKNOWN : right;
            }
            default -> {
                Object right = evaluate(b.right());
                if (isUnknown(left) || isUnknown(right)) {
                    return UNKNOWN;
                }
                return switch (b.op()) {
                    case EQ -> Values.looseEquals(left, right);
                    case NE -> !Values.looseEquals(left, right);
                    case LT -> Values.lessThan(left, right);
                    case LE -> Values.lessThan(left, right) || Values.looseEquals(left, right);
                    case GT -> Values.greaterThan(left, right);
                    case GE -> Values.greaterThan(left, right) || Values.looseEquals(left, right);
                    default -> throw new IllegalStateException(b.op().name());
                };
            }
        }
    }

    private Object access(Expr expr) {
        Optional<String> path = ContextPaths.of(expr);
        if (path.isPresent() && !path.get().contains(ContextPaths.ANY)) {
            Object known = contexts.valueAt(path.get());
            if (!isUnknown(known)) {
                return known;
            }
        }
        if (expr instanceof ContextName) {
            return UNKNOWN;
        }
        if (expr instanceof Property p) {
            return index(evaluate(p.target()), p.name());
        }
        if (expr instanceof Index i) {
            Object target = evaluate(i.target());
            Object index = evaluate(i.index());
            return isUnknown(index) ? UNKNOWN : index(target, index);
        }
        return star(evaluate(((Star) expr).target()));
    }

    /** Results of a {@code *} filter: later accesses apply to each element and collect what exists. */
    private static final class Filtered extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    private static Object star(Object target) {
        if (isUnknown(target)) {
            return UNKNOWN;
        }
        Filtered result = new Filtered();
        if (target instanceof Filtered filtered) {
            for (Object item : filtered) {
                if (item instanceof List<?> list) {
                    result.addAll(list);
                } else if (item instanceof Map<?, ?> map) {
                    result.addAll(map.values());
                }
            }
        } else if (target instanceof List<?> list) {
            result.addAll(list);
        } else if (target instanceof Map<?, ?> map) {
            result.addAll(map.values());
        }
        return result;
    }

    private static Object index(Object target, Object index) {
        if (isUnknown(target)) {
            return UNKNOWN;
        }
        String key = Values.isPrimitive(index) ? Values.toText(index) : null;
        double number = Values.toNumber(index);
        int position = !Double.isNaN(number) && !Double.isInfinite(number) && number >= 0
                ? (int) Math.min(Math.floor(number), Integer.MAX_VALUE) : -1;
        if (target instanceof Filtered filtered) {
            Filtered result = new Filtered();
            for (Object item : filtered) {
                Object value = element(item, key, position);
                if (value != Missing.VALUE) {
                    result.add(value);
                }
            }
            return result;
        }
        Object value = element(target, key, position);
        return value == Missing.VALUE ? null : value;
    }

    private enum Missing { VALUE }

    private static Object element(Object container, String key, int position) {
        if (container instanceof Map<?, ?> map && key != null) {
            Object value = Values.property(map, key);
            return value != null || hasKey(map, key) ? value : Missing.VALUE;
        }
        if (container instanceof List<?> list && position >= 0 && position < list.size()) {
            return list.get(position);
        }
        return Missing.VALUE;
    }

    private static boolean hasKey(Map<?, ?> map, String key) {
        for (Object k : map.keySet()) {
            if (k instanceof String s && s.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private Object call(Call c) {
        String function = c.function().toLowerCase(Locale.ROOT);
        switch (function) {
            case "always":
                return true;
            case "success":
                return status.success();
            case "failure":
                return status.failure();
            case "cancelled":
                return status.cancelled();
            case "hashfiles":
                return UNKNOWN;
            case "case":
                return caseOf(c.args());
            default:
                break;
        }
        List<Object> args = new ArrayList<>(c.args().size());
        for (Expr arg : c.args()) {
            args.add(evaluate(arg));
        }
        switch (function) {
            case "contains":
                return Functions.contains(args.get(0), args.get(1));
            case "startswith":
                return Functions.startsWith(args.get(0), args.get(1));
            case "endswith":
                return Functions.endsWith(args.get(0), args.get(1));
            case "format":
                return Functions.format(args);
            case "join":
                return Functions.join(args.get(0), args.size() > 1 ? args.get(1) : ",");
            case "tojson":
                return JsonText.containsUnknown(args.get(0)) ? UNKNOWN : JsonText.print(args.get(0));
            case "fromjson":
                return isUnknown(args.get(0)) ? UNKNOWN : JsonText.parse(Values.toText(args.get(0)));
            default:
                // A function GitHub does not define here (actions may add their own): its value is not known.
                return UNKNOWN;
        }
    }

    /** {@code case(c1, v1, c2, v2, …, default)}: the value after the first true condition, else the default. */
    private Object caseOf(List<Expr> args) {
        for (int i = 0; i + 1 < args.size(); i += 2) {
            Object condition = evaluate(args.get(i));
            if (isUnknown(condition)) {
                return UNKNOWN;
            }
            if (!(condition instanceof Boolean b)) {
                throw new EvaluationException("case condition " + (i / 2 + 1) + " is not a boolean: "
                        + Values.toText(condition));
            }
            if (b) {
                return evaluate(args.get(i + 1));
            }
        }
        return evaluate(args.get(args.size() - 1));
    }
}
