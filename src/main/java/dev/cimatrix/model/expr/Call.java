package dev.cimatrix.model.expr;

import java.util.List;

/**
 * A function call. GitHub matches function names without regard to case; built-in functions are stored
 * under their documented spelling ({@code fromJSON}, {@code startsWith}), others as written.
 */
public record Call(String function, List<Expr> args, int start, int end) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    /** Whether this calls {@code name}, compared as GitHub does (ignoring case). */
    public boolean is(String name) {
        return function.equalsIgnoreCase(name);
    }
}
