package dev.cimatrix.analyze.checks.common;

/**
 * Where an offset of a script stands among its quotes: what decides how a variable must be written there so that
 * the script reads its value as data. Each reader follows the quoting of one language (POSIX shells, PowerShell,
 * JavaScript) from the script's start; the {@code ${{ }}} expressions in the script are passed over whole, since
 * GitHub replaces them before the interpreter reads a character. Anything the reader does not follow with
 * certainty is {@link Context#UNKNOWN}, and is left unfixed.
 */
public final class ScriptQuotes {
    private ScriptQuotes() {
    }

    public enum Context {
        /** Outside quotes, as a word or part of one (not where a command name stands). */
        UNQUOTED,
        /** Outside quotes where a command name stands: the value was run as a command. */
        COMMAND,
        /** Inside single quotes, which expand nothing. */
        SINGLE,
        /** Inside double quotes, or a here-document whose delimiter is not quoted: variables expand. */
        DOUBLE,
        /** Inside a JavaScript template literal. */
        TEMPLATE,
        UNKNOWN
    }

    /**
     * The context at an offset, and for a quoted string the offsets of its opening and closing quotes. For a POSIX
     * script, also where the simple command holding the offset starts (-1 when not known): the command a word is an
     * argument of, or for a here-document's body, the command that reads it ({@code heredoc}).
     */
    public record At(Context context, int open, int close, int command, boolean heredoc) {
        At(Context context, int open, int close) {
            this(context, open, close, -1, false);
        }

        static At of(Context context) {
            return new At(context, -1, -1);
        }

        At at(int commandStart) {
            return new At(context, open, close, commandStart, heredoc);
        }
    }

    /** The index just past the {@code }}} that ends the expression starting at {@code i}, or -1. */
    private static int expressionEnd(String s, int i) {
        int end = s.indexOf("}}", i + 3);
        return end < 0 ? -1 : end + 2;
    }

    private static boolean expressionAt(String s, int i) {
        return s.startsWith("${{", i);
    }

    /**
     * Where reading goes on after the {@code ${{ }}} that starts at {@code i}: past its end, or past the whole script
     * when it has none. A reader that gets past the offset it was asked about this way answers UNKNOWN.
     */
    private static int pastExpression(String s, int i) {
        int end = expressionEnd(s, i);
        return end < 0 ? Integer.MAX_VALUE : end;
    }

    // ---- POSIX shells --------------------------------------------------------------------------------------------

    /** The quoting at {@code offset} of a bash or sh script. */
    public static At posix(String s, int offset) {
        return new PosixWalk(s).at(offset);
    }

    /**
     * A reading of one POSIX script from its start that answers for offsets in increasing order, each from where the
     * last answer left off: the quoting at every offset of a script in one pass.
     */
    public static final class PosixWalk {
        private final String s;
        // A stack of the open constructs: 'N' the top level, '(' a command substitution, '`' backticks, '"' quotes.
        private final StringBuilder stack = new StringBuilder("N");
        private final int[] depth = new int[64];
        // Where the simple command being read starts, at each level of the stack.
        private final int[] starts = new int[64];
        private int heredocCommand = -1;
        private String heredoc;
        private boolean heredocQuoted;
        private boolean heredocTabs;
        /** Where the body of the pending here-document ends, once looked for (-1 before). */
        private int heredocBodyEnd = -1;
        /** The single quote that closes the one opened at {@code singleOpen}, once looked for. */
        private int singleOpen = -1;
        private int singleClose;
        private int i;
        private int last;

        public PosixWalk(String script) {
            this.s = script;
        }

        /** The quoting at {@code offset}, which must not be before the offset last asked about. */
        public At at(int offset) {
            if (offset < last) {
                throw new IllegalArgumentException("offsets must not decrease: " + offset + " after " + last);
            }
            last = offset;
            while (i < offset) {
                if (expressionAt(s, i)) {
                    i = pastExpression(s, i);
                    continue;
                }
                char c = s.charAt(i);
                char top = stack.charAt(stack.length() - 1);
                if (c == '\n' && heredoc != null && top == 'N') {
                    if (heredocBodyEnd < 0) {
                        heredocBodyEnd = heredocEnd(s, i + 1, heredoc, heredocTabs);
                    }
                    int bodyEnd = heredocBodyEnd;
                    if (offset < bodyEnd) {
                        return new At(heredocQuoted ? Context.UNKNOWN : Context.DOUBLE, -1, -1, heredocCommand, true);
                    }
                    heredoc = null;
                    heredocBodyEnd = -1;
                    i = bodyEnd;
                    starts[0] = i + 1;
                    continue;
                }
                if (top == '"') {
                    if (c == '\\') {
                        i += 2;
                    } else if (c == '"') {
                        stack.setLength(stack.length() - 1);
                        i++;
                    } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                        if (!push(stack, depth, '(')) {
                            return At.of(Context.UNKNOWN);
                        }
                        i += 2;
                        starts[stack.length() - 1] = i;
                    } else if (c == '`') {
                        if (!push(stack, depth, '`')) {
                            return At.of(Context.UNKNOWN);
                        }
                        i++;
                        starts[stack.length() - 1] = i;
                    } else {
                        i++;
                    }
                    continue;
                }
                // Outside double quotes: the top level, a command substitution or backticks.
                switch (c) {
                    case '\\' -> i += 2;
                    case '\'' -> {
                        if (singleOpen != i) {
                            singleOpen = i;
                            singleClose = indexOutsideExpressions(s, '\'', i + 1);
                        }
                        int close = singleClose;
                        if (close < 0 || close >= offset) {
                            return close < 0 ? At.of(Context.UNKNOWN)
                                    : new At(Context.SINGLE, i, close, starts[stack.length() - 1], false);
                        }
                        i = close + 1;
                    }
                    case '"' -> {
                        if (!push(stack, depth, '"')) {
                            return At.of(Context.UNKNOWN);
                        }
                        // A quoted word belongs to the command around it.
                        starts[stack.length() - 1] = starts[stack.length() - 2];
                        i++;
                    }
                    case '$' -> {
                        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                        if (next == '\'') {
                            // $'…' quoting has escapes of its own.
                            int close = i + 2;
                            while (close < s.length() && s.charAt(close) != '\'') {
                                close += s.charAt(close) == '\\' ? 2 : 1;
                            }
                            if (close >= offset) {
                                return At.of(Context.UNKNOWN);
                            }
                            i = close + 1;
                        } else if (next == '(') {
                            if (!push(stack, depth, '(')) {
                                return At.of(Context.UNKNOWN);
                            }
                            i += 2;
                            starts[stack.length() - 1] = i;
                        } else {
                            i++;
                        }
                    }
                    case '(' -> {
                        if (top == '(') {
                            depth[stack.length() - 1]++;
                        }
                        i++;
                        starts[stack.length() - 1] = i;
                    }
                    case ')' -> {
                        if (top == '(' && --depth[stack.length() - 1] < 0) {
                            stack.setLength(stack.length() - 1);
                        } else {
                            starts[stack.length() - 1] = i + 1;
                        }
                        i++;
                    }
                    case '`' -> {
                        if (top == '`') {
                            stack.setLength(stack.length() - 1);
                            i++;
                        } else if (!push(stack, depth, '`')) {
                            return At.of(Context.UNKNOWN);
                        } else {
                            i++;
                            starts[stack.length() - 1] = i;
                        }
                    }
                    case ';', '&', '|', '\n' -> {
                        i++;
                        starts[stack.length() - 1] = i;
                    }
                    case '#' -> {
                        if (i == 0 || Character.isWhitespace(s.charAt(i - 1)) || s.charAt(i - 1) == ';') {
                            int eol = s.indexOf('\n', i);
                            if (eol < 0 || eol >= offset) {
                                // In a comment: the shell reads nothing of it, any spelling will do.
                                return At.of(Context.DOUBLE);
                            }
                            i = eol;
                        } else {
                            i++;
                        }
                    }
                    case '<' -> {
                        if (s.startsWith("<<<", i)) {
                            // A here-string: a word like any other.
                            i += 3;
                        } else if (s.startsWith("<<", i) && top == 'N') {
                            heredocCommand = starts[0];
                            int j = i + 2;
                            heredocTabs = j < s.length() && s.charAt(j) == '-';
                            if (heredocTabs) {
                                j++;
                            }
                            while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                                j++;
                            }
                            int wordStart = j;
                            while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && ";|&<>()".indexOf(s.charAt(j)) < 0) {
                                j++;
                            }
                            String word = s.substring(wordStart, j);
                            heredocQuoted = word.indexOf('\'') >= 0 || word.indexOf('"') >= 0 || word.indexOf('\\') >= 0;
                            heredoc = word.replace("'", "").replace("\"", "").replace("\\", "");
                            if (heredoc.isEmpty() || (offset >= wordStart && offset < j)) {
                                return At.of(Context.UNKNOWN);
                            }
                            i = j;
                        } else {
                            i++;
                        }
                    }
                    default -> i++;
                }
            }
            if (i > offset) {
                return At.of(Context.UNKNOWN);
            }
            char top = stack.charAt(stack.length() - 1);
            int command = starts[stack.length() - 1];
            if (top == '"') {
                return At.of(Context.DOUBLE).at(command);
            }
            return At.of(commandPosition(s, offset, ";|&({\n`") ? Context.COMMAND : Context.UNQUOTED).at(command);
        }
    }

    /** The index of the next {@code c} from {@code from} that is not inside a {@code ${{ }}}, or -1. */
    private static int indexOutsideExpressions(String s, char c, int from) {
        int i = from;
        while (i < s.length()) {
            if (expressionAt(s, i)) {
                int end = expressionEnd(s, i);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (s.charAt(i) == c) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean push(StringBuilder stack, int[] depth, char kind) {
        if (stack.length() >= depth.length) {
            return false;
        }
        depth[stack.length()] = 0;
        stack.append(kind);
        return true;
    }

    /** The offset just past the line that ends a here-document whose body starts at {@code from}. */
    private static int heredocEnd(String s, int from, String delimiter, boolean tabs) {
        int line = from;
        while (line < s.length()) {
            int eol = s.indexOf('\n', line);
            int end = eol < 0 ? s.length() : eol;
            String text = s.substring(line, end);
            if (tabs) {
                text = text.replaceFirst("^\t+", "");
            }
            if (text.equals(delimiter)) {
                return end;
            }
            line = end + 1;
        }
        return s.length();
    }

    /**
     * Whether only blanks and keywords that open a command ({@code then}, {@code do}, {@code !}, …) stand between the
     * offset and the start of the script, a line or one of the separators given.
     */
    private static boolean commandPosition(String s, int offset, String separators) {
        int i = offset - 1;
        while (i >= 0 && separators.indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '!' || Character.isWhitespace(c))) {
                // Only keywords and blanks may stand before a command name: the look back ends at the first other.
                return false;
            }
            i--;
        }
        String before = s.substring(i + 1, offset).strip();
        return before.isEmpty() || before.matches("(?:(?:then|do|else|elif|if|while|until|time|exec|eval|sudo|!)\\s*)+");
    }

    // ---- PowerShell ----------------------------------------------------------------------------------------------

    /** The quoting at {@code offset} of a PowerShell script. */
    public static At powershell(String s, int offset) {
        int i = 0;
        while (i < offset) {
            if (expressionAt(s, i)) {
                i = pastExpression(s, i);
                continue;
            }
            char c = s.charAt(i);
            if (c == '`') {
                i += 2;
            } else if (c == '@' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'')) {
                char quote = s.charAt(i + 1);
                int close = s.indexOf("\n" + quote + "@", i + 2);
                if (close < 0 || close >= offset) {
                    // A here-string's text: double-quoted ones expand variables, single-quoted ones do not.
                    return At.of(close < 0 || quote == '\'' ? Context.UNKNOWN : Context.DOUBLE);
                }
                i = close + 3;
            } else if (c == '\'') {
                int close = i + 1;
                while (close < s.length() && (s.charAt(close) != '\'' || s.startsWith("''", close))) {
                    close += s.startsWith("''", close) ? 2 : 1;
                }
                if (close >= offset) {
                    return close >= s.length() ? At.of(Context.UNKNOWN) : new At(Context.SINGLE, i, close);
                }
                i = close + 1;
            } else if (c == '"') {
                int close = i + 1;
                while (close < s.length() && s.charAt(close) != '"') {
                    if (s.startsWith("$(", close)) {
                        // A subexpression inside a string is code again; not followed here.
                        return At.of(close < offset ? Context.UNKNOWN : Context.DOUBLE);
                    }
                    close += s.charAt(close) == '`' || s.startsWith("\"\"", close) ? 2 : 1;
                }
                if (close >= offset) {
                    return At.of(close >= s.length() ? Context.UNKNOWN : Context.DOUBLE);
                }
                i = close + 1;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                int eol = s.indexOf('\n', i);
                if (eol < 0 || eol >= offset) {
                    return At.of(Context.DOUBLE);
                }
                i = eol;
            } else if (c == '<' && s.startsWith("<#", i)) {
                int close = s.indexOf("#>", i + 2);
                if (close < 0 || close >= offset) {
                    return At.of(Context.DOUBLE);
                }
                i = close + 2;
            } else {
                i++;
            }
        }
        if (i > offset) {
            return At.of(Context.UNKNOWN);
        }
        return At.of(commandPosition(s, offset, ";|&({}\n") ? Context.COMMAND : Context.UNQUOTED);
    }

    // ---- JavaScript ----------------------------------------------------------------------------------------------

    /** The quoting at {@code offset} of a JavaScript program, with the enclosing string's quotes when in one. */
    public static At javascript(String s, int offset) {
        int i = 0;
        // Template literals can hold ${…} code holding template literals: a stack of brace depths, -1 marking a
        // template's text.
        int[] stack = new int[64];
        int top = 0;
        stack[0] = 0;
        char previous = '(';
        while (i < offset) {
            if (expressionAt(s, i)) {
                i = pastExpression(s, i);
                previous = 'a';
                continue;
            }
            char c = s.charAt(i);
            if (stack[top] < 0) {
                // Inside a template literal's text.
                if (c == '\\') {
                    i += 2;
                } else if (c == '`') {
                    top--;
                    i++;
                    previous = 'a';
                } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                    if (top + 1 >= stack.length) {
                        return At.of(Context.UNKNOWN);
                    }
                    stack[++top] = 0;
                    i += 2;
                    previous = '(';
                } else {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                int close = stringEnd(s, i);
                if (close < 0) {
                    return At.of(Context.UNKNOWN);
                }
                if (close >= offset) {
                    return top == 0 ? new At(c == '\'' ? Context.SINGLE : Context.DOUBLE, i, close) : At.of(Context.UNKNOWN);
                }
                i = close + 1;
                previous = 'a';
            } else if (c == '`') {
                if (top + 1 >= stack.length) {
                    return At.of(Context.UNKNOWN);
                }
                stack[++top] = -1;
                i++;
            } else if (s.startsWith("//", i)) {
                int eol = s.indexOf('\n', i);
                if (eol < 0 || eol >= offset) {
                    return At.of(Context.UNKNOWN);
                }
                i = eol;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                if (close < 0 || close >= offset) {
                    return At.of(Context.UNKNOWN);
                }
                i = close + 2;
            } else if (c == '/' && "(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) {
                // A regular expression literal, by the usual rule: where an operand may start.
                int close = regexEnd(s, i);
                if (close < 0 || close >= offset) {
                    return At.of(Context.UNKNOWN);
                }
                i = close + 1;
                previous = 'a';
            } else {
                if (c == '{') {
                    stack[top]++;
                } else if (c == '}' && top > 0 && stack[top] == 0) {
                    top--;
                    i++;
                    continue;
                } else if (c == '}') {
                    if (stack[top] == 0) {
                        // A brace closed at the top level that no brace opened: the script's quoting cannot be followed.
                        return At.of(Context.UNKNOWN);
                    }
                    stack[top]--;
                }
                if (!Character.isWhitespace(c)) {
                    previous = Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == ')' || c == ']' ? 'a' : c;
                }
                i++;
            }
        }
        if (i > offset) {
            return At.of(Context.UNKNOWN);
        }
        if (stack[top] < 0) {
            return top == 1 ? At.of(Context.TEMPLATE) : At.of(Context.UNKNOWN);
        }
        return At.of(Context.UNQUOTED);
    }

    /** The index of the quote that closes the string opened at {@code open}, or -1. */
    private static int stringEnd(String s, int open) {
        char quote = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1;
            } else if (expressionAt(s, i)) {
                int end = expressionEnd(s, i);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int regexEnd(String s, int open) {
        boolean inClass = false;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\n') {
                return -1;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return i;
            }
        }
        return -1;
    }
}
