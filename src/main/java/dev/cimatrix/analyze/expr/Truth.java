package dev.cimatrix.analyze.expr;

/** What can be said before a run about whether a condition holds. */
public enum Truth {
    ALWAYS_TRUE, ALWAYS_FALSE, DEPENDS;

    static Truth of(boolean value) {
        return value ? ALWAYS_TRUE : ALWAYS_FALSE;
    }

    public Truth negate() {
        return switch (this) {
            case ALWAYS_TRUE -> ALWAYS_FALSE;
            case ALWAYS_FALSE -> ALWAYS_TRUE;
            case DEPENDS -> DEPENDS;
        };
    }

    /** Both hold: false when either is false, true when both are true. */
    public Truth and(Truth other) {
        if (this == ALWAYS_FALSE || other == ALWAYS_FALSE) {
            return ALWAYS_FALSE;
        }
        return this == ALWAYS_TRUE && other == ALWAYS_TRUE ? ALWAYS_TRUE : DEPENDS;
    }

    /** Either holds: true when either is true, false when both are false. */
    public Truth or(Truth other) {
        return negate().and(other.negate()).negate();
    }
}
