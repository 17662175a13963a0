package dev.cimatrix.paths;

import java.util.List;

/** The kinds of entry point the graph gives moves to, and the ones assumed when the model declares none. */
public final class Personas {
    public static final String OUTSIDE_CONTRIBUTOR = "outside-contributor";
    public static final String MAINTAINER = "maintainer";
    public static final String CI_ADMIN = "ci-admin";
    public static final String COMPROMISED_DEPENDENCY = "compromised-dependency";
    public static final String LEAKED_TOKEN = "leaked-token";

    /** Anyone on the internet and anyone upstream: the two that need no account of the organisation. */
    public static final List<String> DEFAULTS = List.of(OUTSIDE_CONTRIBUTOR, COMPROMISED_DEPENDENCY);

    private Personas() {
    }

    static String label(String kind) {
        return switch (kind) {
            case OUTSIDE_CONTRIBUTOR -> "outside contributor";
            case MAINTAINER -> "maintainer";
            case CI_ADMIN -> "CI administrator";
            case COMPROMISED_DEPENDENCY -> "compromised dependency";
            case LEAKED_TOKEN -> "leaked token";
            default -> kind;
        };
    }
}
