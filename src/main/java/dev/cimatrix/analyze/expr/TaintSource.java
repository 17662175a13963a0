package dev.cimatrix.analyze.expr;

import dev.cimatrix.model.expr.Expr;

/**
 * An attacker-controlled value reaching an expression: {@code source} is the original context path (say
 * {@code github.event.issue.title}), {@code at} the node of this expression through which it enters (the
 * same path, or an indirection such as {@code env.TITLE}).
 */
public record TaintSource(String source, Expr at) {
}
