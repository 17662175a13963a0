package dev.cimatrix.analyze;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what follows a command later on its line, such as the target of {@code Out-File ... $env:GITHUB_ENV},
 * in time linear in the script. The one-pattern form {@code command[^\n]*target} is tried again from every
 * command on a line, so a line of many commands (scripts come from the scanned files) takes quadratic time.
 * Only a line's first command is needed: what follows a later one follows the first too.
 */
public final class SameLine {
    private SameLine() {
    }

    /** Told of each match of the second pattern after a line's first command; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean found(int commandStart, MatchResult match);
    }

    /**
     * Tells {@code visitor} of every match of {@code after} that lies after the first match of {@code command}
     * on its line, line by line, until the visitor returns false.
     */
    public static void afterCommand(Pattern command, Pattern after, String text, Visitor visitor) {
        Matcher commands = command.matcher(text);
        Matcher found = after.matcher(text).useTransparentBounds(true);
        int from = 0;
        while (from < text.length() && commands.find(from)) {
            int lineEnd = text.indexOf('\n', commands.end());
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            found.region(commands.end(), lineEnd);
            while (found.find()) {
                if (!visitor.found(commands.start(), found)) {
                    return;
                }
            }
            from = lineEnd;
        }
    }

    /** Whether some match of {@code after} lies after a match of {@code command} on the same line. */
    public static boolean anyAfterCommand(Pattern command, Pattern after, String text) {
        boolean[] any = {false};
        afterCommand(command, after, text, (start, match) -> {
            any[0] = true;
            return false;
        });
        return any[0];
    }
}
