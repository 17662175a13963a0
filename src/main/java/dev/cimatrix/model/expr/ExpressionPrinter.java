package dev.cimatrix.model.expr;

/**
 * Prints an expression back to source in a canonical form (single spaces around operators, parentheses
 * only where precedence needs them), such that parsing the text gives the same tree.
 */
public final class ExpressionPrinter {
    private ExpressionPrinter() {
    }

    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder();
        print(expr, out);
        return out.toString();
    }

    private static void print(Expr expr, StringBuilder out) {
        if (expr instanceof Literal l) {
            literal(l.value(), out);
        } else if (expr instanceof ContextName c) {
            out.append(c.name());
        } else if (expr instanceof Property p) {
            target(p.target(), out);
            out.append('.').append(p.name());
        } else if (expr instanceof Index i) {
            target(i.target(), out);
            out.append('[');
            print(i.index(), out);
            out.append(']');
        } else if (expr instanceof Star s) {
            target(s.target(), out);
            out.append(".*");
        } else if (expr instanceof Call c) {
            out.append(c.function()).append('(');
            for (int k = 0; k < c.args().size(); k++) {
                if (k > 0) {
                    out.append(", ");
                }
                print(c.args().get(k), out);
            }
            out.append(')');
        } else if (expr instanceof Not n) {
            out.append('!');
            grouped(n.operand(), n.operand() instanceof Binary, out);
        } else if (expr instanceof Binary b) {
            int precedence = b.op().precedence();
            grouped(b.left(), b.left() instanceof Binary l && l.op().precedence() < precedence, out);
            out.append(' ').append(b.op().symbol()).append(' ');
            // Operators associate to the left, so an equal-precedence right operand needs parentheses.
            grouped(b.right(), b.right() instanceof Binary r && r.op().precedence() <= precedence, out);
        }
    }

    /** Property and index access apply only to contexts, calls, accesses and parenthesised expressions. */
    private static void target(Expr target, StringBuilder out) {
        boolean direct = target instanceof ContextName || target instanceof Call || target instanceof Property
                || target instanceof Index || target instanceof Star;
        grouped(target, !direct, out);
    }

    private static void grouped(Expr expr, boolean parenthesise, StringBuilder out) {
        if (parenthesise) {
            out.append('(');
        }
        print(expr, out);
        if (parenthesise) {
            out.append(')');
        }
    }

    private static void literal(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append('\'').append(s.replace("'", "''")).append('\'');
        } else if (value instanceof Double d) {
            out.append(number(d));
        } else {
            out.append(value);
        }
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (d == 0 && 1 / d < 0) ? "-0" : Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
