package dev.cimatrix.analyze.checks.common;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the value of a variable that a POSIX shell script expands at an offset is read again as code: an argument of
 * {@code eval}, of {@code sh -c} and the other shells, of an interpreter's one-line program ({@code python -c},
 * {@code node -e}, {@code ruby -e}, {@code perl -e}, {@code php -r}, {@code pwsh -c}) or of {@code ssh}, whose remote
 * shell parses it; a line of a here-document, with its delimiter unquoted, that an interpreter reads as its program;
 * or the command name itself. Anywhere else the shell treats the value as data. The word that reads the value again
 * must stand unquoted in the same simple command; single quotes around the variable keep it from being expanded at
 * all, and a place whose quoting is not followed with certainty is not claimed.
 */
public final class ShellEvaluation {
    private static final String OPTIONS = "(?:\\s+-{1,2}[A-Za-z][\\w-]*(?:=\\S+)?)*";
    /** The words that read every argument after them as code. */
    private static final List<Pattern> ALL_ARGUMENTS = List.of(
            Pattern.compile("(?<![\\w./-])eval\\b"),
            Pattern.compile("(?<![\\w./-])ssh\\b"));
    /** The words that read the argument after an option as a program, the later ones being its arguments. */
    private static final List<Pattern> ONE_ARGUMENT = List.of(
            Pattern.compile("(?<![\\w-])(?:ba|z|da|k|a)?sh" + "(?:\\s+-[a-zA-Z]+)*?\\s+-[a-zA-Z]*c\\b"),
            Pattern.compile("(?<![\\w-])python[0-9.]*" + OPTIONS + "?\\s+-[a-zA-Z]*c\\b"),
            Pattern.compile("(?<![\\w-])node(?:js)?" + OPTIONS + "?\\s+(?:-e|--eval|-p|--print)\\b"),
            Pattern.compile("(?<![\\w-])(?:ruby|perl)" + OPTIONS + "?\\s+-[a-zA-Z]*[eE]\\b"),
            Pattern.compile("(?<![\\w-])php" + OPTIONS + "?\\s+-r\\b"),
            Pattern.compile("(?i)(?<![\\w-])(?:pwsh|powershell)(?:\\.exe)?" + OPTIONS + "?\\s+-(?:c|command)\\b"));
    /** An interpreter that reads its program from standard input when given no file: options only, then the end. */
    private static final Pattern STDIN_INTERPRETER = Pattern.compile(
            "(?:^|\\|)\\s*(?:sudo\\s+)?(?:[\\w./-]*/)?(?<name>python[0-9.]*|node|nodejs|ruby|perl|php|(?:ba|z|da|k|a)?sh|pwsh)"
                    + "(?:\\s+(?:-\\S*|<<-?\\s*['\"]?\\w+['\"]?))*\\s*(?:\\||$)");

    private ShellEvaluation() {
    }

    /** What reads the value expanded at {@code offset} of {@code script} as code, if anything does. */
    public static Optional<String> at(String script, int offset) {
        ScriptQuotes.At at = ScriptQuotes.posix(script, offset);
        if (at.command() < 0 || at.context() == ScriptQuotes.Context.SINGLE
                || at.context() == ScriptQuotes.Context.UNKNOWN) {
            return Optional.empty();
        }
        if (at.heredoc()) {
            int eol = script.indexOf('\n', at.command());
            String line = script.substring(at.command(), eol < 0 ? script.length() : eol);
            Matcher m = STDIN_INTERPRETER.matcher(line);
            return m.find() ? Optional.of("a here-document that " + m.group("name") + " runs as its program")
                    : Optional.empty();
        }
        if (at.context() == ScriptQuotes.Context.COMMAND) {
            return Optional.of("the command name");
        }
        String command = script.substring(at.command(), offset);
        for (List<Pattern> evaluators : List.of(ALL_ARGUMENTS, ONE_ARGUMENT)) {
            for (Pattern evaluator : evaluators) {
                Matcher m = evaluator.matcher(command);
                while (m.find()) {
                    int word = at.command() + m.start();
                    if (bareInCommand(script, word, at.command())
                            && (evaluators == ALL_ARGUMENTS || offset < wordEnd(script, at.command() + m.end()))) {
                        return Optional.of(m.group().strip().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a word stands unquoted in the simple command starting at {@code command}. */
    private static boolean bareInCommand(String script, int word, int command) {
        ScriptQuotes.At at = ScriptQuotes.posix(script, word);
        return (at.context() == ScriptQuotes.Context.UNQUOTED || at.context() == ScriptQuotes.Context.COMMAND)
                && at.command() == command;
    }

    /**
     * The end of the word that starts after the blanks from {@code from}: at the first blank, {@code ;}, {@code |} or
     * {@code &} outside quotes and parentheses.
     */
    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        char quote = 0;
        int parentheses = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                quote = c == '\'' ? 0 : quote;
            } else if (quote == '"') {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quote = 0;
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')') {
                if (parentheses-- == 0) {
                    return i;
                }
            } else if (parentheses == 0 && (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&')) {
                return i;
            }
        }
        return s.length();
    }
}
