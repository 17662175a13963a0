package dev.cimatrix.model.expr;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: trees compared by shape, with source positions zeroed. */
public final class ExprTrees {
    private ExprTrees() {
    }

    public static Expr withoutPositions(Expr expr) {
        if (expr instanceof Literal l) {
            return new Literal(l.value(), 0, 0);
        } else if (expr instanceof ContextName c) {
            return new ContextName(c.name(), 0, 0);
        } else if (expr instanceof Property p) {
            return new Property(withoutPositions(p.target()), p.name(), 0, 0);
        } else if (expr instanceof Index i) {
            return new Index(withoutPositions(i.target()), withoutPositions(i.index()), 0, 0);
        } else if (expr instanceof Star s) {
            return new Star(withoutPositions(s.target()), 0, 0);
        } else if (expr instanceof Call c) {
            List<Expr> args = new ArrayList<>();
            c.args().forEach(a -> args.add(withoutPositions(a)));
            return new Call(c.function(), args, 0, 0);
        } else if (expr instanceof Not n) {
            return new Not(withoutPositions(n.operand()), 0, 0);
        }
        Binary b = (Binary) expr;
        return new Binary(b.op(), withoutPositions(b.left()), withoutPositions(b.right()), 0, 0);
    }

    public static Literal lit(Object value) {
        return new Literal(value, 0, 0);
    }

    public static ContextName ctx(String name) {
        return new ContextName(name, 0, 0);
    }

    public static Property prop(Expr target, String name) {
        return new Property(target, name, 0, 0);
    }

    public static Index index(Expr target, Expr index) {
        return new Index(target, index, 0, 0);
    }

    public static Star star(Expr target) {
        return new Star(target, 0, 0);
    }

    public static Call call(String function, Expr... args) {
        return new Call(function, List.of(args), 0, 0);
    }

    public static Not not(Expr operand) {
        return new Not(operand, 0, 0);
    }

    public static Binary bin(Binary.Op op, Expr left, Expr right) {
        return new Binary(op, left, right, 0, 0);
    }

    /** A context path such as {@code github.event.title} as nested property accesses. */
    public static Expr path(String dotted) {
        String[] parts = dotted.split("\\.");
        Expr expr = ctx(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            expr = parts[i].equals("*") ? star(expr) : prop(expr, parts[i]);
        }
        return expr;
    }
}
