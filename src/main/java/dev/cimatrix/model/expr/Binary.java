package dev.cimatrix.model.expr;

/** A binary operator applied to two operands. */
public record Binary(Op op, Expr left, Expr right, int start, int end) implements Expr {

    /** The operators with their source symbol and binding strength (higher binds tighter). */
    public enum Op {
        OR("||", 1), AND("&&", 2), EQ("==", 3), NE("!=", 3), LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4);

        private final String symbol;
        private final int precedence;

        Op(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        public int precedence() {
            return precedence;
        }

        /** Comparisons always produce a boolean; {@code &&} and {@code ||} produce one of their operands. */
        public boolean isComparison() {
            return this != OR && this != AND;
        }
    }
}
