package dev.cimatrix.analyze.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reading of POSIX shell text, enough to follow a value into a file write: where the command of a line
 * starts, the command substitutions {@code $( )} a value holds, the commands of a pipeline, and whether a pipeline's
 * output is one line whatever its input. Quotes are followed so that a separator or a parenthesis inside a string
 * does not count; anything this reading cannot follow (an unclosed quote or substitution) is reported as such.
 */
public final class ShellText {
    /** Text longer than this is not read: the callers then treat it as unknown, and hostile input stays fast. */
    public static final int MAX_LENGTH = 4096;

    private ShellText() {
    }

    /** A command substitution {@code $( )} (or arithmetic {@code $(( ))}) of a text: where it is and what it runs. */
    public record Substitution(int start, int end, String body, boolean arithmetic) {
    }

    /**
     * Where the last command of a line starts: after its last {@code ;}, {@code &}, {@code &&}, {@code ||} or {@code |}
     * outside quotes and substitutions, and after a keyword that opens it ({@code then}, {@code do}, {@code if}, …). -1 when
     * the line ends inside a quote or a substitution.
     */
    public static int lastCommandStart(String line) {
        return lastStart(line, true);
    }

    /**
     * Where the last pipeline of a line starts: as {@link #lastCommandStart}, but a single {@code |} does not end it, so
     * {@code echo "$KEY" | base64 -d} is read from its {@code echo}.
     */
    public static int lastPipelineStart(String line) {
        return lastStart(line, false);
    }

    private static int lastStart(String line, boolean pipes) {
        if (line.length() > MAX_LENGTH) {
            return -1;
        }
        int start = 0;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoteEnd(line, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && (c == ';' || c == '&')) {
                start = i + 1;
            } else if (depth == 0 && c == '|') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '|') {
                    i++;
                    start = i + 1;
                } else if (pipes) {
                    start = i + 1;
                }
            }
        }
        if (depth > 0) {
            return -1;
        }
        Matcher keyword = OPENING_KEYWORD.matcher(line).region(start, line.length());
        return keyword.lookingAt() ? keyword.end() : start;
    }

    /** Words that open a command in their clause: {@code then echo …}, {@code if gh pr view … >> F; then}. */
    private static final Pattern OPENING_KEYWORD = Pattern.compile("\\s*(?:(?:then|do|else|if|elif|while|until|!)\\s+)*");

    /** The index of the quote that closes the one at {@code at} ({@code '} or {@code "}); -1 when none does. */
    private static int quoteEnd(String text, int at) {
        return text.charAt(at) == '\'' ? text.indexOf('\'', at + 1) : closingDoubleQuote(text, at + 1);
    }

    /**
     * The index of the bracket or parenthesis that closes the one at {@code open}, skipping quoted strings; -1 when
     * none does. For jq programs: {@code [.runs[] | select(.name == "x")][0]}.
     */
    public static int closingBracket(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = quoteEnd(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the {@code "} that closes a double-quoted string opened just before {@code from}, skipping
     * escaped characters and the substitutions inside it; -1 when none does.
     */
    private static int closingDoubleQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int end = substitutionEnd(text, i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            }
        }
        return -1;
    }

    /** The index after the {@code )} that closes a substitution whose body starts at {@code from}; -1 when unclosed. */
    private static int substitutionEnd(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoteEnd(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The command substitutions of a text, outermost only, in order; null when one is not closed, or the text is
     * too long to read.
     */
    public static List<Substitution> substitutions(String text) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        List<Substitution> found = new ArrayList<>();
        for (int i = text.indexOf("$("); i >= 0; i = text.indexOf("$(", i)) {
            int end = substitutionEnd(text, i + 2);
            if (end < 0) {
                return null;
            }
            boolean arithmetic = text.startsWith("$((", i) && text.startsWith("))", end - 2);
            found.add(new Substitution(i, end, text.substring(i + 2, end - 1), arithmetic));
            i = end;
        }
        return found;
    }

    /** The text without its command substitutions, each replaced by one space. */
    public static String withoutSubstitutions(String text, List<Substitution> substitutions) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (Substitution s : substitutions) {
            out.append(text, from, s.start()).append(' ');
            from = s.end();
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * The commands of a pipeline, split at each {@code |} outside quotes, parentheses and brackets ({@code ||} does not
     * split); the stages of a jq program split the same way.
     */
    public static List<String> pipeline(String text) {
        List<String> commands = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                int close = quoteEnd(text, i);
                i = close < 0 ? text.length() : close;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '|' && depth == 0) {
                if (i + 1 < text.length() && text.charAt(i + 1) == '|') {
                    i++;
                    continue;
                }
                commands.add(text.substring(start, i));
                start = i + 1;
            }
        }
        commands.add(text.substring(start));
        return commands;
    }

    /**
     * Whether a substitution prints one line whatever its input: a command of its pipeline deletes line breaks or
     * turns them into something else ({@code tr -d '\n'}, {@code tr -d '[:space:]'}, {@code tr '\n' ' '}), joins its
     * lines ({@code paste -s}), keeps the first ({@code head -n 1}) or counts ({@code wc -l}), and every command after
     * it keeps or drops lines without adding any ({@code cut}, {@code grep}, a {@code tr} or a {@code sed} of substitutions
     * that makes no line break).
     * Arithmetic prints a number.
     */
    public static boolean printsOneLine(Substitution substitution) {
        if (substitution.arithmetic()) {
            return true;
        }
        List<String> commands = pipeline(substitution.body());
        for (int i = commands.size() - 1; i >= 0; i--) {
            String command = commands.get(i).strip();
            if (ONE_LINE_COMMAND.matcher(command).matches() || removesLineBreaks(command)) {
                return true;
            }
            if (!keepsLineCount(command)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a substitution prints one line given that what its first command prints is one line: each later command
     * keeps or drops lines without adding any ({@link #printsOneLine} names them, and a {@code sed} of substitutions
     * with no line break in them). {@code $(printf '%s' "$FIRST" | sed 's/x/y/')} with {@code FIRST} one line.
     */
    public static boolean keepsOneLine(Substitution substitution) {
        List<String> commands = pipeline(substitution.body());
        for (int i = 1; i < commands.size(); i++) {
            String command = commands.get(i).strip();
            if (!ONE_LINE_COMMAND.matcher(command).matches() && !removesLineBreaks(command) && !keepsLineCount(command)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the first command of a substitution prints, when it is a {@code printf '%s'} of its arguments: the
     * arguments' text, which holds one line when each part of it does. Under bash also an {@code echo} without
     * options, which prints its text as it is; not elsewhere, as the {@code sh} of some systems turns a {@code \n} in
     * the text into a line break.
     */
    public static Optional<String> printedText(Substitution substitution, boolean bash) {
        String first = pipeline(substitution.body()).get(0).strip();
        Matcher printed = PRINTED_TEXT.matcher(first);
        if (printed.matches()) {
            return Optional.of(printed.group(1));
        }
        Matcher echoed = ECHOED_TEXT.matcher(first);
        return bash && echoed.matches() ? Optional.of(echoed.group(1)) : Optional.empty();
    }

    /** {@code printf '%s' ARGS}, {@code printf "%s\n" ARGS}: the arguments in group 1. */
    private static final Pattern PRINTED_TEXT = Pattern.compile("(?s)printf\\s+(?:'%s(?:\\\\n)?'|\"%s(?:\\\\n)?\")\\s+(.*)");
    /** {@code echo ARGS} with no option (-e would read escapes): the arguments in group 1. */
    private static final Pattern ECHOED_TEXT = Pattern.compile("(?s)echo\\s+(?!-)(.*)");

    /** Whether a command prints no more lines than it reads; a sed script longer than a line's worth is not read. */
    private static boolean keepsLineCount(String command) {
        return LINE_KEEPING_COMMAND.matcher(command).matches() || trKeepsLines(command)
                || command.length() <= MAX_SED_LENGTH && SED_SUBSTITUTIONS.matcher(command).matches() && !command.contains("\\n");
    }

    private static final int MAX_SED_LENGTH = 300;

    /** A sed whose script is only substitutions ({@code s/…/…/g;s/…/…/}) and deletions, without -z or -s. */
    private static final Pattern SED_SUBSTITUTIONS = Pattern.compile(
            "sed(?:\\s+-[Er]+)*(?:\\s+-e)?\\s+(['\"])\\s*(?:s([/|#,:]).*?\\2.*?\\2[gIi0-9]*|\\d*d)"
                    + "(?:\\s*;\\s*(?:s([/|#,:]).*?\\3.*?\\3[gIi0-9]*|\\d*d))*\\s*;?\\s*\\1");

    /** Commands that print some of their input's lines, or a part of each, and never a line of their own. */
    private static final Pattern LINE_KEEPING_COMMAND = Pattern.compile("(?:cut|grep|egrep|fgrep|head|tail|sort|uniq|rev)(?:\\s.*)?",
            Pattern.DOTALL);

    /** A {@code tr} whose output has no more line breaks than its input: its second set, if any, holds none. */
    private static boolean trKeepsLines(String command) {
        Matcher tr = TR.matcher(command);
        return tr.matches() && (tr.group(3) == null || !namesLineBreaks(tr.group(3)));
    }

    /** Whether a tr set names the line break: {@code \\n}, its octal code, or a class that holds it. */
    private static boolean namesLineBreaks(String set) {
        return set.contains("\\n") || set.contains("[:space:]") || set.contains("[:cntrl:]") || set.contains("\\012");
    }

    private static final String PASTE_DELIMITER = "\\s+-d\\s*(?:'[^']*'|\"[^\"]*\"|\\S+)";
    /**
     * {@code paste -s…}, {@code head -n 1}, {@code head -1}, {@code wc -l} and the like, with nothing after them; and
     * {@code git merge-base A B}, one commit hash (without options such as {@code --all}).
     */
    private static final Pattern ONE_LINE_COMMAND = Pattern.compile(
            "(?:paste(?:" + PASTE_DELIMITER + ")*\\s+-[a-ce-z]*s\\S*(?:" + PASTE_DELIMITER + ")*(?:\\s+-)?"
                    + "|head\\s+(?:-n\\s*1|-1)|wc\\s+-[lcmw]|git\\s+merge-base(?:\\s+(?:[^-\\s]\\S*|'[^']*'|\"[^\"]*\")){2})\\s*");
    /** {@code tr} with its options and its two sets, quoted or not. */
    private static final Pattern TR = Pattern.compile("tr\\s+(-[a-zA-Z]+\\s+)*('[^']*'|\"[^\"]*\"|[^\\s'\"]+)(?:\\s+('[^']*'|\"[^\"]*\"|[^\\s'\"]+))?\\s*");

    /**
     * A {@code tr} that deletes line breaks ({@code -d} with {@code \n}, {@code [:space:]} or {@code [:cntrl:]} in its
     * set) or translates them to characters that are not line breaks.
     */
    private static boolean removesLineBreaks(String command) {
        Matcher tr = TR.matcher(command);
        if (!tr.matches()) {
            return false;
        }
        String options = tr.group(1) == null ? "" : command.substring(tr.start(1), tr.start(2));
        String first = tr.group(2);
        boolean complement = options.contains("c") || options.contains("C");
        if (complement || !namesLineBreaks(first)) {
            return false;
        }
        if (options.contains("d")) {
            return tr.group(3) == null || options.contains("s");
        }
        return tr.group(3) != null && !namesLineBreaks(tr.group(3));
    }
}
