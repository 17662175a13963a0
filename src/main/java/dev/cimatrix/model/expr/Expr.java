package dev.cimatrix.model.expr;

/**
 * A parsed GitHub Actions expression: the text inside {@code ${{ }}}, or a bare {@code if:} value. Nodes
 * are immutable; {@link #start()} and {@link #end()} are character offsets within the expression source
 * (end exclusive), so a finding can point at the exact operand that carries attacker data.
 */
public sealed interface Expr permits Literal, ContextName, Property, Index, Star, Call, Not, Binary {
    int start();

    int end();
}
