package dev.cimatrix.analyze.gitlab;

import dev.cimatrix.analyze.expr.Truth;

import java.util.Set;

/**
 * What a variable of a {@code rules:if} is in a kind of pipeline, as far as it is known before one runs: unset, set
 * to a known text, set to the default branch's name or to another branch's, set to none of some texts, set to
 * something, or anything at all.
 */
record RuleValue(Kind kind, String text, Set<String> excluded) {
    enum Kind { UNSET, KNOWN, SET, DEFAULT_BRANCH, OTHER_BRANCH, NOT_ANY, UNKNOWN }

    static final RuleValue UNSET = new RuleValue(Kind.UNSET, null, Set.of());
    static final RuleValue SET = new RuleValue(Kind.SET, null, Set.of());
    static final RuleValue UNKNOWN = new RuleValue(Kind.UNKNOWN, null, Set.of());

    /** The default branch's name: {@code name} when a settings snapshot says it, or null. */
    static RuleValue defaultBranch(String name) {
        return new RuleValue(Kind.DEFAULT_BRANCH, name, Set.of());
    }

    /** Another branch's name, which is not the default branch's {@code name} when that is known. */
    static RuleValue otherBranch(String defaultName) {
        return new RuleValue(Kind.OTHER_BRANCH, null, defaultName == null ? Set.of() : Set.of(defaultName));
    }

    static RuleValue known(String text) {
        return new RuleValue(Kind.KNOWN, text, Set.of());
    }

    static RuleValue notAny(Set<String> texts) {
        return new RuleValue(Kind.NOT_ANY, null, Set.copyOf(texts));
    }

    /** {@code $VAR} alone: true when set and not empty. */
    Truth present() {
        return switch (kind) {
            case UNSET -> Truth.ALWAYS_FALSE;
            case KNOWN -> text.isEmpty() ? Truth.ALWAYS_FALSE : Truth.ALWAYS_TRUE;
            case UNKNOWN -> Truth.DEPENDS;
            default -> Truth.ALWAYS_TRUE;
        };
    }

    /** The text the value surely is: a known text, or the default branch's name when known; null otherwise. */
    String certainText() {
        return kind == Kind.KNOWN || kind == Kind.DEFAULT_BRANCH ? text : null;
    }

    /** {@code ==} between two values. */
    Truth equalTo(RuleValue other) {
        if (kind == Kind.UNKNOWN || other.kind == Kind.UNKNOWN) {
            return Truth.DEPENDS;
        }
        if (kind == Kind.UNSET || other.kind == Kind.UNSET) {
            return kind == other.kind ? Truth.ALWAYS_TRUE : Truth.ALWAYS_FALSE;
        }
        if (kind == Kind.DEFAULT_BRANCH && other.kind == Kind.DEFAULT_BRANCH) {
            return Truth.ALWAYS_TRUE;
        }
        if (kind == Kind.DEFAULT_BRANCH && other.kind == Kind.OTHER_BRANCH
                || kind == Kind.OTHER_BRANCH && other.kind == Kind.DEFAULT_BRANCH) {
            return Truth.ALWAYS_FALSE;
        }
        String mine = certainText();
        String theirs = other.certainText();
        if (mine != null && theirs != null) {
            return mine.equals(theirs) ? Truth.ALWAYS_TRUE : Truth.ALWAYS_FALSE;
        }
        // A value known not to be some texts (a source other than a merge request, a branch other than the default).
        if (theirs != null && excluded.contains(theirs) || mine != null && other.excluded.contains(mine)) {
            return Truth.ALWAYS_FALSE;
        }
        return Truth.DEPENDS;
    }
}
