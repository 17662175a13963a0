package dev.cimatrix.model.expr;

import java.util.List;

/**
 * A parsed GitHub Actions expression: the text inside {@code ${{ }}}, or a bare {@code if:} value. Nodes
 * are immutable; {@link #start()} and {@link #end()} are character offsets within the expression source
 * (end exclusive), so a finding can point at the exact operand that carries attacker data.
 */
public sealed interface Expr permits Literal, ContextName, Property, Index, Star, Call, Not, Binary {
    int start();

    int end();

    /** The expressions directly inside this one, in source order: operands, arguments, the accessed value, an index. */
    default List<Expr> children() {
        if (this instanceof Binary b) {
            return List.of(b.left(), b.right());
        } else if (this instanceof Call c) {
            return c.args();
        } else if (this instanceof Not n) {
            return List.of(n.operand());
        } else if (this instanceof Index i) {
            return List.of(i.target(), i.index());
        } else if (this instanceof Property p) {
            return List.of(p.target());
        } else if (this instanceof Star s) {
            return List.of(s.target());
        }
        return List.of();
    }
}
