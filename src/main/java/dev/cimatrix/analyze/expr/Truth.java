package dev.cimatrix.analyze.expr;

/** What can be said before a run about whether a condition holds. */
public enum Truth {
    ALWAYS_TRUE, ALWAYS_FALSE, DEPENDS;

    static Truth of(boolean value) {
        return value ? ALWAYS_TRUE : ALWAYS_FALSE;
    }

    Truth negate() {
        return switch (this) {
            case ALWAYS_TRUE -> ALWAYS_FALSE;
            case ALWAYS_FALSE -> ALWAYS_TRUE;
            case DEPENDS -> DEPENDS;
        };
    }
}
