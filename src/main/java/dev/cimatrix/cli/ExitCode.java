package dev.cimatrix.cli;

/** The exit codes of the command line; users' scripts depend on them. */
public final class ExitCode {
    /** Nothing at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Findings at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad usage or unreadable input. */
    public static final int USAGE = 2;
    /** A fault of cimatrix itself. */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }
}
