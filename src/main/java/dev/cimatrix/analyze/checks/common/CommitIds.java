package dev.cimatrix.analyze.checks.common;

import java.util.regex.Pattern;

/** Whether a ref names one commit for good: a full SHA-1 or SHA-256 object id, not a branch, tag or short id. */
public final class CommitIds {
    private static final Pattern FULL = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    private CommitIds() {
    }

    /** Whether {@code ref}, blanks around it aside, is a full commit id. */
    public static boolean isFull(String ref) {
        return FULL.matcher(ref.strip()).matches();
    }
}
