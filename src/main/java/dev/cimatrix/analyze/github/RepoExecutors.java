package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises steps that execute content of the checked-out tree ({@code analyze/github-repo-executors.yaml}):
 * the reason a checkout of attacker code is dangerous.
 */
public final class RepoExecutors {
    private static final Pattern COMMAND_START = Pattern.compile("(?:^|&&|\\|\\||[;|(`]|\\$\\()\\s*(?:sudo\\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*([^\\s;|&()`]+)", Pattern.MULTILINE);
    private static final Set<String> COMMANDS;
    private static final Set<String> ACTIONS;
    private static final Set<String> INERT_COMMANDS;
    /** A whole line that is a shell comment. */
    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*#.*$", Pattern.MULTILINE);

    static {
        DataResource data = DataResource.load("github-repo-executors.yaml");
        // Commands keep their case (./gradlew); action names are compared without it.
        COMMANDS = Set.copyOf(DataResource.texts(data.root(), "commands"));
        ACTIONS = Set.copyOf(data.names("actions"));
        INERT_COMMANDS = Set.copyOf(DataResource.texts(data.root(), "inertCommands"));
    }

    private RepoExecutors() {
    }

    /**
     * Whether a script only runs commands that never run anything of the tree ({@code git}, {@code gh},
     * {@code echo} and the like): every command of it, in every pipeline, substitution and line but comment lines.
     * Conservative: a word not known to be inert, such as a variable used as a command, makes it false.
     */
    public static boolean runsNothingFromTree(String script) {
        // A line continued with \ goes on as one line.
        String text = testOperatorsBlanked(quotedTextBlanked(trapHandlersInline(
                withoutCommentLines(withoutHeredocText(script)).replace("\\\n", " "))));
        Set<String> functions = functionsDefined(text);
        Matcher matcher = COMMAND_WORD.matcher(text);
        boolean any = false;
        while (matcher.find()) {
            any = true;
            String word = matcher.group(1);
            int end = matcher.end(1);
            // Assignments before a command (X=1 cmd) leave the command to judge; a substitution in an assignment's
            // value (X=$(cmd)) is a command start of its own, found by the next match.
            while (ASSIGNMENT.matcher(word).matches()) {
                end = endOfQuotedValue(text, word, end);
                Matcher next = NEXT_WORD.matcher(text).region(end, text.length());
                if (!next.lookingAt()) {
                    word = null;
                    break;
                }
                word = next.group(1);
                end = next.end(1);
            }
            // sudo runs the command after it as another user: that command is judged. (xargs is not read so: the
            // arguments it adds come from its input, which may be the tree's.)
            if ("sudo".equals(word)) {
                word = null;
                Matcher next = NEXT_WORD.matcher(text).region(end, text.length());
                while (next.lookingAt()) {
                    end = next.end(1);
                    if (!next.group(1).startsWith("-")) {
                        word = next.group(1);
                        break;
                    }
                    if (!SUDO_PLAIN_OPTIONS.contains(next.group(1))) {
                        return false;
                    }
                    next = NEXT_WORD.matcher(text).region(end, text.length());
                }
                if (word == null) {
                    return false;
                }
            }
            // A call of a function the script defines runs its body, which is judged where it is written; a trap
            // left after trapHandlersInline names a handler, which must be such a function.
            if ("trap".equals(word)) {
                Matcher handler = NEXT_WORD.matcher(text).region(end, text.length());
                if (!handler.lookingAt() || !functions.contains(handler.group(1)) && !handler.group(1).equals("-")) {
                    return false;
                }
                continue;
            }
            if (word != null && !INERT_COMMANDS.contains(word) && !functions.contains(word) && !"function".equals(word)
                    && !pipOfNamedPackages(word, text, end)
                    && !systemPackagesNamed(word, restOfCommand(text, end))) {
                return false;
            }
        }
        return any;
    }

    /** A function definition: {@code name() { … }} or {@code function name { … }}. */
    private static final Pattern FUNCTION_DEFINITION = Pattern.compile(
            "^[ \\t]*(?:function[ \\t]+([A-Za-z_][\\w.-]*)|([A-Za-z_][\\w.-]*)[ \\t]*\\(\\s*\\))", Pattern.MULTILINE);
    /** The start of a trap whose handler is a quoted string: the quote that opens it. */
    private static final Pattern TRAP_START = Pattern.compile("\\btrap[ \\t]+(['\"])");
    /** The signals a trap names after its handler. */
    private static final Pattern TRAP_SIGNALS = Pattern.compile("(?:[ \\t]+[A-Za-z0-9_+-]+)*");

    /**
     * The script with the && and || inside each {@code [[ … ]]} of a line blanked: {@code [[ $a -eq 0 && $b ]]} joins
     * two tests, and what follows the && is no command. A substitution in the test ({@code $(cmd)}) still is one. One
     * pass over the text.
     */
    private static String testOperatorsBlanked(String script) {
        if (!script.contains("[[")) {
            return script;
        }
        char[] text = script.toCharArray();
        boolean inTest = false;
        for (int i = 0; i + 1 < text.length; i++) {
            char c = text[i];
            char next = text[i + 1];
            if (c == '\n') {
                inTest = false;
            } else if (!inTest && c == '[' && next == '[') {
                inTest = true;
                i++;
            } else if (inTest && c == ']' && next == ']') {
                inTest = false;
                i++;
            } else if (inTest && (c == '&' && next == '&' || c == '|' && next == '|')) {
                text[i] = ' ';
                text[i + 1] = ' ';
                i++;
            }
        }
        return new String(text);
    }

    /** The names of the functions a script defines. */
    private static Set<String> functionsDefined(String text) {
        if (!text.contains("(") && !text.contains("function")) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        Matcher m = FUNCTION_DEFINITION.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }

    /**
     * The script with each quoted trap handler ({@code trap 'cleanup; exit 1' EXIT}) written out in its place as
     * commands of their own, which the shell runs when the signal comes: judged as the rest of the script is. A
     * handler may go on for lines; once a quote of one kind is found never to close, no later handler opened with it
     * is looked for again, so the text is read a bounded number of times.
     */
    private static String trapHandlersInline(String script) {
        if (!script.contains("trap")) {
            return script;
        }
        Matcher start = TRAP_START.matcher(script);
        StringBuilder out = new StringBuilder(script.length());
        int copied = 0;
        boolean singleCloses = true;
        boolean doubleCloses = true;
        while (start.find()) {
            char quote = start.group(1).charAt(0);
            if (quote == '\'' ? !singleCloses : !doubleCloses) {
                continue;
            }
            int close = script.indexOf(quote, start.end());
            if (close < 0) {
                if (quote == '\'') {
                    singleCloses = false;
                } else {
                    doubleCloses = false;
                }
                continue;
            }
            Matcher signals = TRAP_SIGNALS.matcher(script).region(close + 1, script.length());
            int end = signals.lookingAt() ? signals.end() : close + 1;
            out.append(script, copied, start.start()).append("; ").append(script, start.end(), close).append(" ;");
            copied = end;
            start.region(end, script.length());
        }
        return copied == 0 ? script : out.append(script, copied, script.length()).toString();
    }

    /** The script with its whole-line comments emptied; the lines stay. */
    public static String withoutCommentLines(String script) {
        return script.indexOf('#') < 0 ? script : COMMENT_LINE.matcher(script).replaceAll("");
    }

    /**
     * The script with the text inside its quotes replaced by {@code _}, each character for one, so that a separator
     * or a word in a string ({@code echo "skipped; nothing to do"}) is not taken for a command; positions stay
     * where they were. A command substitution inside double quotes ({@code "$(ls dir)"}, backquotes) runs, so its
     * text is kept. A single-quoted string is blanked only when it closes on its line (an apostrophe in a comment
     * opens nothing), a double-quoted one wherever it closes. An expression ({@code ${{ a || b }}}) is blanked too,
     * wherever it stands.
     */
    public static String quotedTextBlanked(String script) {
        if (script.indexOf('"') < 0 && script.indexOf('\'') < 0 && !script.contains("${{")) {
            return script;
        }
        char[] text = script.toCharArray();
        // No expression opened after the last "}}" closes: known once, not searched for from each of them.
        int lastClose = script.lastIndexOf("}}");
        int i = 0;
        while (i < text.length) {
            char c = text[i];
            if (c == '\\') {
                i += 2;
            } else if (c == '$' && i + 2 < text.length && text[i + 1] == '{' && text[i + 2] == '{') {
                // An expression is replaced by its value before the shell starts: its text holds no command.
                int end = lastClose < i + 3 ? -1 : script.indexOf("}}", i + 3);
                if (end < 0) {
                    // Never closed: not an expression, and nothing to blank.
                    i++;
                    continue;
                }
                blank(text, i, end + 2);
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                i = blankString(text, i, !runsAsScript(text, i));
            } else {
                i++;
            }
        }
        return new String(text);
    }

    /**
     * Whether the string that opens at {@code open} is run as a script, its text holding commands: it is given to
     * {@code -c} ({@code sh -c "npm test"}) or to {@code eval}. Read backwards from the quote, a few characters.
     */
    private static boolean runsAsScript(char[] text, int open) {
        int end = open;
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
            end--;
        }
        return wordEndsAt(text, end, "-c") || wordEndsAt(text, end, "eval");
    }

    /** Whether {@code word} stands in the text just before {@code end}, with no word character before it. */
    private static boolean wordEndsAt(char[] text, int end, String word) {
        int start = end - word.length();
        if (start < 0 || !new String(text, start, word.length()).equals(word)) {
            return false;
        }
        return start == 0 || !(Character.isLetterOrDigit(text[start - 1]) || text[start - 1] == '_' || text[start - 1] == '-');
    }

    /**
     * Blanks the string that opens with the quote at {@code open}, keeping the substitutions of a double-quoted one;
     * returns the index after it, or after the quote alone when the string does not close on its line, or the end
     * of the text when a substitution in it never closes. With {@code blank} false the string is only passed over.
     */
    private static int blankString(char[] text, int open, boolean blank) {
        boolean doubled = text[open] == '"';
        List<int[]> kept = new ArrayList<>();
        int i = open + 1;
        while (i < text.length && text[i] != text[open]) {
            // An apostrophe in a line's trailing comment opens nothing; a double-quoted message may go on for lines.
            if (text[i] == '\n' && !doubled) {
                return open + 1;
            }
            if (!doubled) {
                i++;
            } else if (text[i] == '\\') {
                i += 2;
            } else if (text[i] == '$' && i + 1 < text.length && text[i + 1] == '(' || text[i] == '`') {
                int from = i;
                i = text[i] == '`' ? closingBacktick(text, i) : closingParenthesis(text, i + 1);
                if (i >= text.length) {
                    // A substitution that never closes leaves nothing after it to read: the rest stays as it is,
                    // and is not searched again from every later quote.
                    return text.length;
                }
                kept.add(new int[] {from, i});
            } else {
                i++;
            }
        }
        if (i >= text.length) {
            return open + 1;
        }
        if (!blank) {
            return i + 1;
        }
        int from = open + 1;
        for (int[] span : kept) {
            blank(text, from, span[0]);
            from = span[1];
        }
        blank(text, from, i);
        return i + 1;
    }

    /** The index after the parenthesis that closes the one at {@code open}, or the end of the text. */
    private static int closingParenthesis(char[] text, int open) {
        int depth = 0;
        int i = open;
        do {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            i++;
        } while (i < text.length && depth > 0);
        return i;
    }

    /** The index after the backquote that closes the one at {@code open}, or the end of the text. */
    private static int closingBacktick(char[] text, int open) {
        int i = open + 1;
        while (i < text.length && text[i] != '`') {
            i++;
        }
        return Math.min(i + 1, text.length);
    }

    /** Replaces the characters in [from, to) by {@code _}. */
    private static void blank(char[] text, int from, int to) {
        for (int i = from; i < Math.min(to, text.length); i++) {
            text[i] = '_';
        }
    }

    /**
     * The script without the text of its here-documents ({@code cat <<EOF > body.md}), which is data for the command
     * that reads it, not commands; that command is still judged. An unquoted here-document that substitutes a command
     * ({@code $(…)} or backquotes) runs it, so its text is kept.
     */
    static String withoutHeredocText(String script) {
        if (!script.contains("<<")) {
            return script;
        }
        String[] lines = script.split("\n", -1);
        // Where each line's text stands, and how many lines before each substitute a command: a script of
        // thousands of here-documents is read in one pass and a search per document, not a scan per document.
        Map<String, List<Integer>> linesByText = new HashMap<>();
        int[] substitutingBefore = new int[lines.length + 1];
        for (int i = 0; i < lines.length; i++) {
            linesByText.computeIfAbsent(lines[i].strip(), k -> new ArrayList<>()).add(i);
            boolean substitutes = lines[i].contains("$(") || lines[i].indexOf('`') >= 0;
            substitutingBefore[i + 1] = substitutingBefore[i] + (substitutes ? 1 : 0);
        }
        StringBuilder out = new StringBuilder(script.length());
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]).append('\n');
            Matcher heredoc = HEREDOC.matcher(lines[i]);
            if (!heredoc.find() || insideQuotes(lines[i], heredoc.start())) {
                continue;
            }
            boolean quoted = !heredoc.group(1).isEmpty();
            List<Integer> ends = linesByText.getOrDefault(heredoc.group(2), List.of());
            int at = Collections.binarySearch(ends, i + 1);
            int next = at >= 0 ? at : -at - 1;
            if (next == ends.size()) {
                continue;
            }
            int end = ends.get(next);
            boolean substitutes = substitutingBefore[end] - substitutingBefore[i + 1] > 0;
            if (quoted || !substitutes) {
                i = end;
            }
        }
        return out.toString();
    }

    /** Whether a position of a line is inside a quoted string ({@code echo "out<<EOF"} starts no here-document). */
    private static boolean insideQuotes(String line, int at) {
        char open = 0;
        for (int i = 0; i < at; i++) {
            char c = line.charAt(i);
            if (open == 0 && (c == '"' || c == '\'')) {
                open = c;
            } else if (c == open) {
                open = 0;
            }
        }
        return open != 0;
    }

    /** A here-document's start, {@code <<EOF}, {@code <<-'EOF'} or {@code << "EOF"}, but not a here-string ({@code <<<}). */
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    /**
     * Where an assignment's value ends when it opens a quote the word did not close ({@code X="a b" cmd}): after
     * the closing quote, or where the word ends.
     */
    private static int endOfQuotedValue(String text, String assignment, int wordEnd) {
        String value = assignment.substring(assignment.indexOf('=') + 1);
        if (value.isEmpty() || (value.charAt(0) != '"' && value.charAt(0) != '\'')) {
            return wordEnd;
        }
        char quote = value.charAt(0);
        if (value.length() > 1 && value.charAt(value.length() - 1) == quote) {
            return wordEnd;
        }
        int close = text.indexOf(quote, wordEnd);
        return close < 0 ? wordEnd : close + 1;
    }

    /**
     * The first word of a command, assignments included, after a line start, an operator or an opening: a
     * subshell, a command or process substitution ({@code $(}, {@code <(}).
     */
    private static final Pattern COMMAND_WORD = Pattern.compile("(?:^|&&|\\|\\||[;|(`]|\\$\\()[ \\t]*([^\\s;|&()`<>]+)",
            Pattern.MULTILINE);
    /** The next word on the same line, when it is not an operator. */
    private static final Pattern NEXT_WORD = Pattern.compile("[ \\t]+([^\\s;|&()`]+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    /** What in this step executes the checked-out tree, or empty when nothing evidently does. */
    public static Optional<String> executor(Step step) {
        if (step.uses() != null) {
            ActionRef uses = step.uses();
            if (uses.kind() == ActionRef.Kind.LOCAL) {
                return Optional.of("the local action " + uses.path() + " from the checked-out tree");
            }
            if (uses.kind() == ActionRef.Kind.REPOSITORY && ACTIONS.contains(uses.repository())
                    && (!uses.isRepository("actions/setup-node") || setupNodeRunsPackageManager(step))) {
                return Optional.of("the action " + uses.repository() + ", which runs content of the checked-out tree");
            }
            return Optional.empty();
        }
        return step.run() == null ? Optional.empty() : scriptExecutor(step.run().value());
    }

    /** What in a shell script executes the checked-out tree, or empty when nothing evidently does. */
    public static Optional<String> scriptExecutor(String run) {
        String script = quotedTextBlanked(run);
        var matcher = COMMAND_START.matcher(script);
        while (matcher.find()) {
            String word = matcher.group(1);
            if (COMMANDS.contains(word) && !pipOfNamedPackages(word, script, matcher.end())
                    || word.startsWith("./") || word.endsWith(".sh") || word.endsWith(".py")) {
                return Optional.of("`" + word + "`");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether actions/setup-node runs a package manager that the tree may pin, to ask it where its cache is: with
     * {@code cache: yarn} or {@code cache: pnpm} (or one an expression chooses). A yarn the tree pins
     * ({@code yarnPath} in .yarnrc.yml) is the tree's own code. npm, which its automatic caching (v5 on) also asks,
     * is the runner's; without a cache the action installs Node.js and runs nothing of the tree.
     */
    private static boolean setupNodeRunsPackageManager(Step step) {
        return step.input("cache").map(kv -> kv.value().hasExpressions()
                || !kv.value().value().isBlank() && !kv.value().value().strip().equalsIgnoreCase("npm")).orElse(false);
    }

    /** {@link #pipOfNamedPackages(String, String[])} for the command whose arguments start at {@code argumentsFrom}. */
    private static boolean pipOfNamedPackages(String word, String script, int argumentsFrom) {
        boolean pip = word.equals("pip") || word.equals("pip3") || word.equals("python") || word.equals("python3");
        return pip && pipOfNamedPackages(word, restOfCommand(script, argumentsFrom));
    }

    /** The words of a command after its first, up to the end of the command. */
    private static String[] restOfCommand(String script, int from) {
        int end = from;
        while (end < script.length() && "\n;&|".indexOf(script.charAt(end)) < 0) {
            end++;
        }
        String rest = script.substring(from, end).strip();
        return rest.isEmpty() ? new String[0] : rest.split("\\s+");
    }

    /** Options of sudo that take no value, after which the command it runs comes. */
    private static final Set<String> SUDO_PLAIN_OPTIONS = Set.of("-E", "-H", "-n", "-S", "--preserve-env");
    /** The system's package managers, which install packages they name from the system's repositories. */
    private static final Set<String> SYSTEM_PACKAGE_MANAGERS = Set.of("apt", "apt-get", "yum", "dnf", "apk", "zypper",
            "brew", "choco", "snap");
    private static final Set<String> SYSTEM_PACKAGE_ACTIONS = Set.of("install", "update", "upgrade", "add", "remove",
            "autoremove", "clean", "refresh");
    /** A package as a system package manager names it: {@code optipng}, {@code libssl-dev=3.0.2*}, {@code gcc@13}. */
    private static final Pattern SYSTEM_PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._@:=*~-]*");

    /**
     * Whether a system package manager only installs, updates or removes packages it names (or its lists): it takes
     * them from the system's repositories, not from the tree. A path ({@code ./x.deb}), a file or a variable may be the
     * tree's, and so may any other subcommand.
     */
    static boolean systemPackagesNamed(String word, String[] args) {
        if (!SYSTEM_PACKAGE_MANAGERS.contains(word)) {
            return false;
        }
        boolean action = false;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                if (arg.contains("/") || arg.contains("$") || arg.startsWith("--file") || arg.equals("-f")) {
                    return false;
                }
            } else if (!action) {
                if (!SYSTEM_PACKAGE_ACTIONS.contains(arg)) {
                    return false;
                }
                action = true;
            } else if (!SYSTEM_PACKAGE.matcher(arg).matches()) {
                return false;
            }
        }
        return action;
    }

    /** A package named as pip takes it from an index: {@code contentctl}, {@code black==24.1.0}, {@code x[extra]>=2}. */
    private static final Pattern PACKAGE_SPEC = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]*(?:\\[[A-Za-z0-9,._-]*])?(?:(?:[<>=!~]=?|===)[A-Za-z0-9.*+!_-]+(?:,(?:[<>=!~]=?)[A-Za-z0-9.*+!_-]+)*)?");
    /** Options of pip install that bring nothing of the tree in, and those among them that take a value. */
    private static final Set<String> PIP_PLAIN_OPTIONS = Set.of("-U", "--upgrade", "--user", "-q", "--quiet", "-v",
            "--verbose", "--no-cache-dir", "--pre", "--force-reinstall", "--break-system-packages", "--no-deps",
            "--upgrade-strategy", "--progress-bar", "--disable-pip-version-check", "--no-input", "--only-binary",
            "--prefer-binary", "--root-user-action");
    private static final Set<String> PIP_VALUED_OPTIONS = Set.of("--upgrade-strategy", "--progress-bar",
            "--only-binary", "--root-user-action");

    /**
     * Whether {@code pip} (or {@code python -m pip}) only installs packages it names from an index, or only reports
     * (list, show, freeze, a version): pip reads no file of the working folder then. A requirements or constraints
     * file, an editable install, a path or anything else unknown may be the tree's.
     */
    static boolean pipOfNamedPackages(String word, String[] args) {
        int i = 0;
        if (word.equals("python") || word.equals("python3")) {
            if (args.length < 2 || !args[0].equals("-m") || !args[1].equals("pip")) {
                return false;
            }
            i = 2;
        } else if (!word.equals("pip") && !word.equals("pip3")) {
            return false;
        }
        if (i >= args.length) {
            return false;
        }
        String sub = args[i++];
        if (sub.equals("list") || sub.equals("show") || sub.equals("freeze") || sub.equals("--version") || sub.equals("-V")) {
            return true;
        }
        if (!sub.equals("install")) {
            return false;
        }
        boolean any = false;
        for (; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (PIP_PLAIN_OPTIONS.contains(option)) {
                if (PIP_VALUED_OPTIONS.contains(option) && !arg.contains("=")) {
                    i++;
                }
            } else if (arg.startsWith("-") || !PACKAGE_SPEC.matcher(arg).matches()) {
                return false;
            } else {
                any = true;
            }
        }
        return any;
    }
}
