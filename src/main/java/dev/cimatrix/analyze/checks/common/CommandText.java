package dev.cimatrix.analyze.checks.common;

/** A command of a {@code run:} script as a finding's message quotes it. */
public final class CommandText {
    private static final int MAX_QUOTED = 120;

    private CommandText() {
    }

    /** The command in {@code [start, end)} of the script, its backslash-continued lines joined into one. */
    public static String of(String script, int start, int end) {
        return script.substring(start, end).strip().replaceAll("\\s*\\\\\\r?\\n\\s*", " ");
    }

    /** The command cut to a length that a message can quote. */
    public static String abbreviated(String command) {
        return command.length() <= MAX_QUOTED ? command : command.substring(0, MAX_QUOTED - 3) + "…";
    }
}
