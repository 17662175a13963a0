package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.expr.ExpressionTaint;
import dev.cimatrix.analyze.expr.TaintLookup;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a shell script writes with {@code echo NAME=value} and where the value comes from: the write's value, the
 * variables it reads and their assignments (followed a few deep, each worked out once per script), gh and jq
 * queries whose output is of a fixed format whatever they were given, and variables the script validates as one
 * word. Read for the GITHUB_ENV and GITHUB_OUTPUT writes of {@code run:} scripts, by the taint of step outputs and by
 * the check of those files.
 */
public final class ShellValues {
    private ShellValues() {
    }

    /**
     * A shell variable the runner sets to a value no event chooses: folders, run numbers, the commit, the repository's
     * name ({@code $RUNNER_TEMP}, {@code ${GITHUB_RUN_ID}}), and the shell's working folder, which the workflow
     * names. Branch names ({@code GITHUB_HEAD_REF}, {@code GITHUB_REF}) are not among them.
     */
    private static final String FIXED_RUNNER_VARIABLES = String.join("|",
            "RUNNER_TEMP", "RUNNER_TOOL_CACHE", "RUNNER_WORKSPACE", "RUNNER_OS", "RUNNER_ARCH", "RUNNER_NAME",
            "RUNNER_ENVIRONMENT", "RUNNER_DEBUG", "GITHUB_WORKSPACE", "GITHUB_ACTION_PATH", "GITHUB_RUN_ID",
            "GITHUB_RUN_NUMBER", "GITHUB_RUN_ATTEMPT", "GITHUB_JOB", "GITHUB_SHA", "GITHUB_WORKFLOW_SHA",
            "GITHUB_REPOSITORY", "GITHUB_REPOSITORY_ID", "GITHUB_REPOSITORY_OWNER", "GITHUB_REPOSITORY_OWNER_ID",
            "GITHUB_SERVER_URL", "GITHUB_API_URL", "GITHUB_GRAPHQL_URL", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH",
            "GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STATE", "GITHUB_STEP_SUMMARY", "HOME", "PWD");
    public static final Pattern RUNNER_VARIABLE = Pattern.compile("\\$(?:\\{(?:" + FIXED_RUNNER_VARIABLES + ")}|(?:"
            + FIXED_RUNNER_VARIABLES + ")(?![A-Za-z0-9_]))");

    /** The text of a write's line before it; the window keeps a line of many writes linear. */
    public static String lineBefore(String script, int writeAt) {
        int start = Math.max(0, writeAt - COMPUTED_TEXT_WINDOW);
        for (int i = writeAt - 1; i >= start; i--) {
            if (script.charAt(i) == '\n') {
                start = i + 1;
                break;
            }
        }
        return script.substring(start, writeAt);
    }

    /**
     * The value of a write that is a single {@code echo} or {@code printf} (the last command of its line, after any
     * {@code ;}, {@code &&}, {@code ||} or {@code then}; piped into {@code tee} for a tee write) whose text starts with
     * a fixed {@code NAME=}, the name not one that makes a program load code; empty for any other write. The value
     * may hold command substitutions, which are read for what they print; a pipe, a redirection, a separator or a
     * backquote outside them makes the write no such write.
     */
    public static Optional<String> fixedNameValue(String script, int writeAt) {
        return keyedWrite(script, writeAt).map(KeyedWrite::value);
    }

    /** A write of {@code NAME=value} to one of the runner's files: the name as written, and the value's text. */
    public record KeyedWrite(String name, String value) {
    }

    /** The name and value of a write as {@link #fixedNameValue} reads it. */
    public static Optional<KeyedWrite> keyedWrite(String script, int writeAt) {
        String line = lineBefore(script, writeAt);
        String trimmed = line.stripTrailing();
        // echo "NAME=value" | tee -a "$GITHUB_ENV": the echo is the command before the pipe.
        if (trimmed.endsWith("|") && !trimmed.endsWith("||")) {
            line = trimmed.substring(0, trimmed.length() - 1);
        }
        int start = ShellText.lastCommandStart(line);
        if (start < 0) {
            return Optional.empty();
        }
        Matcher m = FIXED_NAME_WRITE.matcher(line).region(start, line.length());
        if (!m.lookingAt() || CODE_LOADING_VARIABLES.contains(m.group(1).toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String value = line.substring(m.end());
        List<ShellText.Substitution> substitutions = ShellText.substitutions(value);
        if (substitutions == null) {
            return Optional.empty();
        }
        String outside = ShellText.withoutSubstitutions(value, substitutions);
        for (int i = 0; i < outside.length(); i++) {
            if ("`<>".indexOf(outside.charAt(i)) >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new KeyedWrite(m.group(1), value));
    }

    /**
     * A file of the runner a write names, the name in group 1: {@code $GITHUB_ENV}, {@code ${GITHUB_PATH}},
     * {@code $env:GITHUB_OUTPUT}, {@code %GITHUB_ENV%}.
     */
    public static final String RUNNER_FILE = "(?:\\$\\{?(?:env:)?|%)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\\b";
    /**
     * A shell redirection or tee into one of the runner's files. The look-ahead names the first character of each
     * alternative, sparing the others at most positions; white space is taken in one place only, so that a long run
     * of it is not split in every way between two quantifiers.
     */
    public static final Pattern FILE_WRITE = Pattern.compile("(?=[>t])(?:>>?\\s*|tee\\s+(?:-a\\s+)?)[\"']?" + RUNNER_FILE,
            Pattern.CASE_INSENSITIVE);
    /** Ways to write GITHUB_OUTPUT that are not a shell's: PowerShell's and cmd's. */
    private static final Pattern OTHER_OUTPUT_WRITE = Pattern.compile("(?i)env:GITHUB_OUTPUT|%GITHUB_OUTPUT%");

    /**
     * The values a script writes to each of its outputs, by name as written, when every write to GITHUB_OUTPUT is an
     * echo or printf of a fixed {@code NAME=} ({@link #keyedWrite}); empty when any is another kind (a here-document, a
     * group of commands, a file, PowerShell), whose outputs cannot be told apart.
     */
    public static Optional<Map<String, List<String>>> outputValues(String script) {
        if (OTHER_OUTPUT_WRITE.matcher(script).find()) {
            return Optional.empty();
        }
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        Matcher write = FILE_WRITE.matcher(script);
        while (write.find()) {
            if (!write.group(1).equals("GITHUB_OUTPUT")) {
                continue;
            }
            Optional<KeyedWrite> keyed = keyedWrite(script, write.start());
            if (keyed.isEmpty()) {
                return Optional.empty();
            }
            values.computeIfAbsent(keyed.get().name(), k -> new java.util.ArrayList<>()).add(keyed.get().value());
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    /**
     * Fields of gh's {@code --json} output that are numbers, hashes, dates, states, flags or URLs: nothing an
     * outsider words, and never a line break.
     */
    private static final Set<String> GH_FIXED_FORMAT_FIELDS = Set.of("number", "id", "databaseId", "state", "isDraft",
            "additions", "deletions", "changedFiles", "createdAt", "updatedAt", "closedAt", "mergedAt", "closed",
            "merged", "headRefOid", "baseRefOid", "url", "mergeable", "reviewDecision", "isCrossRepository",
            "maintainerCanModify", "conclusion", "status", "attempt", "workflowDatabaseId");
    /**
     * A value that is only a gh query of named {@code --json} fields, in a command substitution with no pipe,
     * separator or nested substitution once its jq program is set aside: {@code "$(gh pr view "$B" --json number)"}.
     */
    private static final Pattern GH_JSON_QUERY = Pattern.compile(
            "\\s*\"?\\$\\(\\s*gh\\s+(?:pr|issue|run)\\s[^()`|;&<>\\n]*?--json[ =]['\"]?([A-Za-z,]+)['\"]?[^()`|;&<>\\n]*\\)\"?\\s*");
    /** A value that is only a gh API call, its jq program set aside: {@code $(gh api "/repos/$R/pulls?head=$B" --jq P)}. */
    private static final Pattern GH_API = Pattern.compile("\\s*\"?\\$\\(\\s*gh\\s+api\\s[^()`|;&<>]*\\)\"?\\s*");
    /** gh's {@code --jq} (or {@code -q}) option and its program, single-quoted, double-quoted or bare. */
    private static final Pattern JQ_OPTION = Pattern.compile(
            "\\s(?:--jq|-q)(?:\\s+|=)(?:'([^']*)'|\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s'\"()]+))");
    /** How a curl command names GitHub's API: its host, or the runner's variable or context for it. */
    private static final String GITHUB_API = "(?:api\\.github\\.com|\\$\\{?GITHUB_API_URL|github\\.api_url)";
    /**
     * A substitution that pipes GitHub's API into jq with a program and no file: {@code $(gh api … | jq -r '.id')},
     * {@code $(curl -s "$GITHUB_API_URL/…" | jq …)}. The API's keys hold what their names say; JSON from elsewhere (a
     * downloaded artifact, a file of the pull request) may hold anything under any key.
     */
    private static final Pattern PIPED_JQ = Pattern.compile("(?s)\\s*\"?\\$\\(\\s*(?:gh\\s+(?:api|pr|issue|run)\\s"
            + "|curl\\s[^|]*" + GITHUB_API + ")[^|]*\\|\\s*jq(?:\\s+-[a-z]+)*\\s+"
            + "(?:'([^']*)'|\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s'\"()|]+))\\s*\\)\"?\\s*");
    /** Error output sent away, which prints nothing. */
    private static final Pattern QUIET = Pattern.compile("\\s+2>\\s*/dev/null");
    /** A fixed word printed when the query fails, at the end of the substitution: {@code || true}, {@code || echo none}. */
    private static final Pattern FALLBACK = Pattern.compile(
            "\\s*\\|\\|\\s*(?:true|:|echo\\s+['\"]?[A-Za-z0-9_.-]*['\"]?)\\s*(?=\\)\"?\\s*$)");
    /** A jq path of keys and indexes, its last key in group 1: {@code .[0].number}, {@code .head.sha}. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(?:\\.?\\[\\d*]|\\.[A-Za-z_][A-Za-z0-9_]*)*\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final int MAX_QUERY_LENGTH = 1000;
    /** Keys of the REST API's objects that hold numbers, hashes, dates, states or URLs. */
    private static final Set<String> API_FIXED_FORMAT_KEYS = Set.of("number", "id", "sha", "node_id", "state", "url",
            "html_url", "created_at", "updated_at", "closed_at", "merged_at", "merged", "draft", "run_number",
            "run_attempt", "conclusion", "status", "workflow_id", "check_suite_id", "total_count");

    /**
     * Whether an assigned value is gh's output for fields in a fixed format only: whatever the query was given (a
     * branch name to find the pull request by), what it prints carries none of it. With a jq program, what the
     * program prints decides; without one, the {@code --json} fields.
     */
    public static boolean fixedFormatQuery(String value) {
        // A query is a short command; a longer value is not read as one, which also keeps hostile text fast.
        if (value.length() > MAX_QUERY_LENGTH) {
            return false;
        }
        String text = value.replace("\\\n", " ");
        // A template may print any text around the fields.
        if (text.contains("--template") || text.contains(" -t ")) {
            return false;
        }
        // The program is read on its own: its quotes may hold pipes and parentheses.
        String program = null;
        Matcher jq = JQ_OPTION.matcher(text);
        if (jq.find()) {
            program = program(jq);
            text = text.substring(0, jq.start()) + " --jq P" + text.substring(jq.end());
        }
        text = FALLBACK.matcher(QUIET.matcher(text).replaceAll("")).replaceAll("");
        if (program == null) {
            // jq prints what its program makes of the API's answer: $(gh api … | jq -r '.[0].id').
            Matcher piped = PIPED_JQ.matcher(text);
            if (piped.matches()) {
                return printsFixedFormat(program(piped));
            }
        }
        Matcher query = GH_JSON_QUERY.matcher(text);
        if (query.matches()) {
            return program != null ? printsFixedFormat(program)
                    : java.util.Arrays.stream(query.group(1).split(",")).allMatch(GH_FIXED_FORMAT_FIELDS::contains);
        }
        return program != null && GH_API.matcher(text).matches() && printsFixedFormat(program);
    }

    /**
     * Whether the inside of a jq string prints one line of fixed format: plain characters, and interpolations
     * ({@code \(.number)}) that each print a fixed-format value, as in {@code "number=\(.number)"}. Any other escape
     * ({@code \n}) may print a line break.
     */
    private static boolean templateOfFixedFormat(String inside) {
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '"') {
                return false;
            }
            if (c != '\\') {
                continue;
            }
            if (i + 1 >= inside.length() || inside.charAt(i + 1) != '(') {
                return false;
            }
            int close = ShellText.closingBracket(inside, i + 1);
            if (close < 0 || !printsFixedFormat(inside.substring(i + 2, close))) {
                return false;
            }
            i = close;
        }
        return true;
    }

    /** The jq program a match holds in its groups 1 to 3: single-quoted, double-quoted (unescaped here) or bare. */
    private static String program(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3);
    }

    /**
     * Whether a jq program prints only values of a fixed format: each alternative of its last stage is a path to such a
     * key, after at most a {@code select( )} or an array built in front, or prints nothing ({@code empty}, an error):
     * {@code .[0].number}, {@code .[] | select(.title | startswith("x")).number}, {@code [.runs[] | select(…)][0].id //
     * empty}.
     */
    public static boolean printsFixedFormat(String program) {
        if (program.length() > MAX_QUERY_LENGTH) {
            return false;
        }
        List<String> stages = ShellText.pipeline(program);
        String last = stages.get(stages.size() - 1).strip();
        if (last.length() >= 2 && last.startsWith("\"") && last.endsWith("\"")) {
            return templateOfFixedFormat(last.substring(1, last.length() - 1));
        }
        // Alternatives: each prints a fixed-format value, or nothing (empty, an error).
        for (String alternative : last.split("//")) {
            String path = alternative.strip();
            if (path.equals("empty") || path.startsWith("error") || path.contains("halt_error")) {
                continue;
            }
            // A select() in front filters, and an array built in front is indexed: [.runs[] | select(…)][0].id.
            if (path.startsWith("select(") || path.startsWith("[")) {
                int close = ShellText.closingBracket(path, path.indexOf(path.startsWith("[") ? '[' : '('));
                path = close < 0 ? "" : path.substring(close + 1).strip();
            }
            Matcher key = PLAIN_PATH.matcher(path);
            if (!key.matches() || !(API_FIXED_FORMAT_KEYS.contains(key.group(1)) || GH_FIXED_FORMAT_FIELDS.contains(key.group(1)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a substitution reads a file ({@code cat F}, {@code < F}) that the script writes only with gh queries of
     * fixed-format output: {@code gh issue list … --jq '.[].number' > n.txt}, then {@code $(cat n.txt)}.
     */
    private static boolean readsFixedFormatFile(String body, String script) {
        Matcher read = FILE_READ.matcher(body);
        if (!read.matches()) {
            return false;
        }
        Matcher write = Pattern.compile(">>?\\s*\"?" + Pattern.quote(read.group(1)) + "\"?(?![\\w./-])").matcher(script);
        boolean any = false;
        while (write.find()) {
            if (!writesFixedFormatQuery(script, write.start())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Whether the command whose output a redirection at {@code writeAt} writes is a gh query of fixed-format output
     * ({@link #fixedFormatQuery}): {@code gh pr view "$B" --json number --jq '"number=\(.number)"' >> "$GITHUB_OUTPUT"}.
     */
    public static boolean writesFixedFormatQuery(String script, int writeAt) {
        String line = lineBefore(script, writeAt);
        int start = ShellText.lastCommandStart(line);
        return start >= 0 && fixedFormatQuery("$(" + line.substring(start) + ")");
    }

    /**
     * jq over one variable's text, piped from an {@code echo} or {@code printf} or given as a here-string: the variable
     * in group 1 or 7, the program in group 2 or 5 (single-quoted), 3 (double-quoted), or 4 or 6 (bare).
     */
    private static final Pattern JQ_OVER_VARIABLE = Pattern.compile("\\s*(?:(?:echo|printf\\s+'%s')\\s+\"?\\$\\{?(\\w+)}?\"?\\s*\\|\\s*jq"
            + "(?:\\s+-[a-z]+)*\\s+(?:'([^']*)'|\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s'\"()|<]+))"
            + "|jq(?:\\s+-[a-z]+)*\\s+(?:'([^']*)'|([^\\s'\"()|<]+))\\s*<<<\\s*\"?\\$\\{?(\\w+)}?\"?)\\s*");
    /** A value that is only an answer of GitHub's API, with no program of its own: {@code "$(gh api /repos/$R/pulls/$N)"}. */
    private static final Pattern API_ANSWER = Pattern.compile("\\s*\"?\\$\\(\\s*(?:gh\\s+api\\s[^()`|;&<>]*"
            + "|curl\\s[^()`|;&<>]*" + GITHUB_API + "[^()`|;&<>]*)\\)\"?\\s*");

    /** gh's options that print other text than the API's answer. */
    private static final Pattern GH_OUTPUT_FORMAT = Pattern.compile("\\s(?:--jq|-q|--template|-t)[\\s=]");

    /** A command that only prints a file: {@code cat F}, {@code cat "F"}, {@code < F}. */
    private static final Pattern FILE_READ = Pattern.compile("\\s*(?:cat\\s+|<\\s*)\"?([\\w./${}-]+)\"?\\s*");

    /**
     * An assigned value without its reads of the variable it is assigned to ({@code X="${X#http://}"}): those add
     * nothing that the variable's other assignments do not hold, which are judged as well.
     */
    public static String withoutItself(String assigned, String name) {
        return Pattern.compile("\\$\\{?" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(assigned).replaceAll("");
    }

    /**
     * A text without the expansions of a variable that keep at most its first line, which hold no line break whatever
     * the variable holds: {@code ${MSG%%$'\n'*}} (up to the first line break), {@code ${MSG%%[[:space:]]*}} (the first
     * word), {@code ${MSG//$'\n'/ }} (every line break replaced by plain text).
     */
    public static String withoutLineCuts(String text) {
        return text.indexOf("${") < 0 ? text : LINE_CUT.matcher(text).replaceAll("");
    }

    private static final Pattern LINE_CUT = Pattern.compile(
            "\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:%%(?:\\$'\\\\n'|\\[\\[:space:]]|\\[\\$'\\\\n'])\\*|//\\$'\\\\n'/[^}$`'\"\\\\]*)}");

    /** The shell variables a text reads, each once, in order. */
    public static Set<String> variablesRead(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher variable = SHELL_VARIABLE.matcher(text);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    /**
     * What one step's script does with its variables, each worked out once: where each is assigned, and what the
     * check concluded about it at each depth. A long script whose variables are assigned from one another many times
     * is then read in time that grows with its assignments, not with the ways to combine them.
     */
    public static final class Variables {
        /** The script the variables are read in. */
        public final String script;
        /** Every variable's assignments, each value with the lines it continues over; read in one pass. */
        private Map<String, List<String>> assignments;
        /** The variables a {@code read}, {@code for}, {@code mapfile} or {@code readarray} sets. */
        private Set<String> readInto;
        /** The variables the script validates as one word. */
        private Set<String> validated;
        private final Map<String, Boolean> fixedFormatFiles = new HashMap<>();
        private final Map<String, Object> results = new HashMap<>();

        public Variables(String script) {
            this.script = script;
        }

        /** The values the script assigns to a variable, each with the lines it continues over. */
        public List<String> assignments(String name) {
            if (assignments == null) {
                assignments = new HashMap<>();
                Matcher assignment = ANY_ASSIGNMENT.matcher(script);
                while (assignment.find()) {
                    assignments.computeIfAbsent(assignment.group(1), k -> new java.util.ArrayList<>())
                            .add(assignedValue(script, assignment.end(2), assignment.group(2)));
                }
            }
            return assignments.getOrDefault(name, List.of());
        }

        /** Whether a {@code read}, {@code for}, {@code mapfile} or {@code readarray} sets the variable. */
        public boolean readInto(String name) {
            if (readInto == null) {
                readInto = new java.util.HashSet<>();
                Matcher read = READ.matcher(script);
                while (read.find()) {
                    Matcher word = WORD.matcher(read.group(1));
                    while (word.find()) {
                        readInto.add(word.group());
                    }
                }
                Matcher loop = LOOP_VARIABLE.matcher(script);
                while (loop.find()) {
                    readInto.add(loop.group(1));
                }
            }
            return readInto.contains(name);
        }

        public boolean sets(String name) {
            return !assignments(name).isEmpty() || readInto(name);
        }

        public boolean validated(String name) {
            if (validated == null) {
                validated = validatedNames(script);
            }
            return validated.contains(name);
        }

        public boolean readsFixedFormatFile(String body) {
            return fixedFormatFiles.computeIfAbsent(body, b -> ShellValues.readsFixedFormatFile(b, script));
        }

        /**
         * Whether a substitution runs jq over a variable that holds only GitHub's API answers, with a program that
         * prints fixed-format values: {@code pr="$(gh api /repos/$R/pulls/$N)"}, then {@code $(echo "$pr" | jq -r
         * .head.sha)} or {@code $(jq -r .head.sha <<< "$pr")}. The API's keys hold what their names say.
         */
        public boolean queriesApiAnswer(String body) {
            // A query is a short command, as for fixedFormatQuery; a longer text is not read as one.
            if (body.length() > MAX_QUERY_LENGTH) {
                return false;
            }
            Matcher jq = JQ_OVER_VARIABLE.matcher(body);
            if (!jq.matches()) {
                return false;
            }
            String name = jq.group(1) != null ? jq.group(1) : jq.group(7);
            String program = jq.group(2) != null ? jq.group(2) : jq.group(3) != null ? jq.group(3).replace("\\\"", "\"")
                    : jq.group(4) != null ? jq.group(4) : jq.group(5) != null ? jq.group(5) : jq.group(6);
            // An answer a program or template of gh's own has already turned into other text is not the API's JSON.
            return printsFixedFormat(program) && assignedOnly(name, value -> value.length() <= MAX_QUERY_LENGTH
                    && API_ANSWER.matcher(value).matches() && !GH_OUTPUT_FORMAT.matcher(value).find());
        }

        /** Whether the script sets a variable, and only by assignments whose values pass {@code value}. */
        public boolean assignedOnly(String name, Predicate<String> value) {
            if (readInto(name) || assignments(name).isEmpty()) {
                return false;
            }
            for (String assigned : assignments(name)) {
                if (!value.test(assigned)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The conclusion of one kind about a variable at a depth, worked out by {@code compute} the first time it is
         * asked for; while it is being worked out (a variable assigned from itself through others) it is
         * {@code meanwhile}.
         */
        @SuppressWarnings("unchecked")
        public <T> T remember(String kind, String name, int depth, T meanwhile, java.util.function.Supplier<T> compute) {
            String key = kind + ':' + depth + ':' + name;
            Object known = results.get(key);
            if (known == null) {
                results.put(key, meanwhile);
                known = compute.get();
                results.put(key, known);
            }
            return (T) known;
        }
    }

    /**
     * The value of an assignment, from its text to the end of its line: an assignment continued over lines (\ at the
     * end, an open $( ) reads on to the line that closes it.
     */
    private static String assignedValue(String script, int end, String rhs) {
        while ((rhs.endsWith("\\") || opens(rhs)) && end < script.length()) {
            int next = script.indexOf('\n', end + 1);
            next = next < 0 ? script.length() : next;
            rhs = rhs + "\n" + script.substring(end + 1, next);
            end = next;
            if (rhs.length() > 4096) {
                break;
            }
        }
        return rhs;
    }

    /**
     * An assignment of any variable, its name in group 1 and its value to the end of the line in group 2; the value
     * is only looked at, so that the next assignment on the same line is found too ({@code A=1 B=2}).
     */
    private static final Pattern ANY_ASSIGNMENT = Pattern.compile("(?:^|(?<=[\\s;&|(]))(?:export\\s+|local\\s+|readonly\\s+)?"
            + "([A-Za-z_][A-Za-z0-9_]*)\\+?=(?=(.*)$)", Pattern.MULTILINE);
    /** A {@code read} and the rest of its command, whose words it may set. */
    private static final Pattern READ = Pattern.compile("\\bread\\b([^\\n;|&]*)");
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");
    /** The variable a {@code for}, {@code mapfile} or {@code readarray} sets, after its options. */
    private static final Pattern LOOP_VARIABLE = Pattern.compile(
            "\\b(?:for|mapfile|readarray)\\s+(?:-\\S+\\s+)*([A-Za-z_][A-Za-z0-9_]*)\\b");

    /**
     * The variables a script validates as one word, each test read once: the script stops unless the variable matches
     * a whole-value pattern that allows no white space and no line break ({@code [[ ! "$V" =~ ^[A-Za-z0-9._-]+$ ]] &&
     * exit 1}, or {@code [[ "$V" =~ ^…$ ]] || exit 1}, the exit within a few lines), or unless a {@code case} on it
     * lets only literal words through ({@code case "$V" in true|false) ;; *) echo "unexpected: $V"; exit 1 ;; esac}).
     * Such a value is one word of the listed characters, whatever it was made from.
     */
    static Set<String> validatedNames(String script) {
        Set<String> names = new java.util.HashSet<>();
        if (script.contains("=~")) {
            Matcher guard = GUARD.matcher(script);
            while (guard.find()) {
                if (names.contains(guard.group(2)) || !wholeWordPattern(guard.group(3))) {
                    continue;
                }
                String after = script.substring(guard.end(), Math.min(script.length(), guard.end() + 400));
                boolean exits = guard.group(1) != null
                        ? after.contains("exit") : GUARD_EXIT.matcher(after).lookingAt();
                if (exits) {
                    names.add(guard.group(2));
                }
            }
        }
        if (script.contains("esac")) {
            Matcher statement = CASE_STATEMENT.matcher(script);
            // From inside each statement's body on, so that a case within a case is read too.
            for (int from = 0; statement.find(from); from = statement.start(2)) {
                boolean stopsOtherwise = false;
                boolean literalArms = true;
                for (String arm : statement.group(2).split(";;")) {
                    Matcher parts = CASE_ARM.matcher(arm);
                    if (!parts.matches()) {
                        continue;
                    }
                    String patterns = parts.group(1).strip();
                    if (patterns.equals("*")) {
                        stopsOtherwise = EXIT.matcher(parts.group(2)).find();
                    } else if (!CASE_WORDS.matcher(patterns).matches()) {
                        literalArms = false;
                    }
                }
                if (stopsOtherwise && literalArms) {
                    names.add(statement.group(1));
                }
            }
        }
        return names;
    }

    /** A test of a variable against a regular expression: a negation (1), the variable (2), the expression (3). */
    private static final Pattern GUARD = Pattern.compile(
            "(!\\s*)?\"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?\"?\\s*=~\\s*(\\S+?)\\s*]]");
    /** What follows a test that stops the script when it fails: {@code || exit 1}, {@code || { echo …; exit 1; }}. */
    private static final Pattern GUARD_EXIT = Pattern.compile("(?s)\\s*\\|\\|\\s*(?:\\{\\s*)?(?:echo[^\\n]*;\\s*)?exit\\b");
    /** A case statement on a variable (1), its body (2). */
    private static final Pattern CASE_STATEMENT = Pattern.compile(
            "\\bcase\\s+\"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?\"?\\s+in\\b(.{0,2000}?)\\besac\\b", Pattern.DOTALL);

    /** One arm of a case statement: its patterns, then its commands. */
    private static final Pattern CASE_ARM = Pattern.compile("\\s*\\(?([^()]*?)\\)(.*)", Pattern.DOTALL);
    /** Patterns that are literal words without white space, quoted or not, separated by {@code |}. */
    private static final Pattern CASE_WORDS = Pattern.compile(
            "(?:[\"']?[A-Za-z0-9._/@+-]+[\"']?)(?:\\s*\\|\\s*[\"']?[A-Za-z0-9._/@+-]+[\"']?)*");
    private static final Pattern EXIT = Pattern.compile("\\bexit\\b");

    /**
     * Whether a bash regular expression matches only whole values without white space or line breaks: anchored at
     * both ends, made of bracket expressions that do not negate and list no space, escaped characters other than
     * {@code \s} and {@code \S}, literal word characters and the operators, and no {@code .}.
     */
    private static boolean wholeWordPattern(String regex) {
        if (regex.length() < 3 || regex.charAt(0) != '^' || regex.charAt(regex.length() - 1) != '$') {
            return false;
        }
        for (int i = 1; i < regex.length() - 1; i++) {
            char c = regex.charAt(i);
            if (c == '[') {
                int close = regex.indexOf(']', i + 2);
                if (close < 0) {
                    return false;
                }
                String set = regex.substring(i + 1, close);
                if (set.startsWith("^") || set.contains(" ") || set.contains("\\s") || set.contains("space")
                        || set.contains("blank") || set.contains("\\n")) {
                    return false;
                }
                i = close;
            } else if (c == '\\') {
                if (i + 1 >= regex.length() - 1 || "sSnrtW".indexOf(regex.charAt(i + 1)) >= 0) {
                    return false;
                }
                i++;
            } else if (!(Character.isLetterOrDigit(c) || "()*+?{},|_-/@:".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a text opens more command substitutions {@code $(} than it closes. */
    private static boolean opens(String text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                open++;
            } else if (c == ')') {
                open--;
            }
        }
        return open > 0;
    }

    /** A shell variable read: {@code $NAME} or {@code ${NAME…}}, not an expression {@code ${{ }}}. */
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$(?:\\{(?!\\{))?([A-Za-z_][A-Za-z0-9_]*)");

    /** The start of an echo or printf of a fixed {@code NAME=} (output names may hold hyphens), up to the value. */
    private static final Pattern FIXED_NAME_WRITE = Pattern.compile(
            "\\s*(?:echo(?:\\s+-[neE]+)*|printf(?:\\s+--)?)\\s+[\"']?([A-Za-z_][A-Za-z0-9_-]*)=");

    /** Variables that make a program or the shell load code or look for programs elsewhere. */
    private static final Set<String> CODE_LOADING_VARIABLES = Set.of("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
            "DYLD_INSERT_LIBRARIES", "BASH_ENV", "ENV", "PROMPT_COMMAND", "PATH", "NODE_OPTIONS", "NODE_PATH",
            "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PERL5OPT", "PERL5LIB", "RUBYOPT", "RUBYLIB",
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "MAVEN_OPTS", "GRADLE_OPTS", "GIT_SSH_COMMAND",
            "GIT_EXEC_PATH", "GIT_CONFIG_GLOBAL", "GIT_ASKPASS", "SSH_ASKPASS", "EDITOR", "PAGER", "SHELLOPTS");

    /** How far before a write, on its line, {@link #writesComputedText} looks. */
    private static final int COMPUTED_TEXT_WINDOW = 1024;

    /** Whether the text holds a Windows {@code %VARIABLE%}: a name of letters, digits and _ between two %. */
    public static boolean holdsWindowsVariable(String text) {
        for (int open = text.indexOf('%'); open >= 0; ) {
            int i = open + 1;
            if (i < text.length() && isNameStart(text.charAt(i))) {
                do {
                    i++;
                } while (i < text.length() && (isNameStart(text.charAt(i)) || isDigit(text.charAt(i))));
                if (i < text.length() && text.charAt(i) == '%') {
                    return true;
                }
            }
            // A name never holds %, so the next one can only open at or after where this one stopped.
            open = text.indexOf('%', i);
        }
        return false;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * For a text of the script, the sources of the script's expressions that the text holds. Each distinct expression
     * is weighed once, however many values of the script hold it: a script writing thousands of outputs from the same
     * expression was weighed in time growing with their square.
     */
    public static Function<String, Set<String>> expressionSources(Scalar script, TaintLookup lookup) {
        Map<String, List<ExpressionUse>> byText = new LinkedHashMap<>();
        for (ExpressionUse use : script.expressions()) {
            byText.computeIfAbsent(use.source().strip(), k -> new ArrayList<>()).add(use);
        }
        Map<String, Set<String>> weighed = new HashMap<>();
        return text -> {
            Set<String> out = new LinkedHashSet<>();
            for (Map.Entry<String, List<ExpressionUse>> expression : byText.entrySet()) {
                if (text.contains(expression.getKey())) {
                    out.addAll(weighed.computeIfAbsent(expression.getKey(), k -> {
                        Set<String> sources = new LinkedHashSet<>();
                        for (ExpressionUse use : expression.getValue()) {
                            ExpressionTaint.sourcesOf(use.expr(), lookup).forEach(source -> sources.add(source.source()));
                        }
                        return sources;
                    }));
                }
            }
            return out;
        };
    }

    /**
     * What a written value carries from the event: the sources of the expressions it holds, the {@code env} variables
     * it reads, and for a variable the script assigns (an env variable too), what its assignments read, followed a few
     * assignments deep. A fixed-format query carries nothing, nor does a variable validated as one word. A variable
     * set by {@code read}, {@code for} or {@code mapfile} carries whatever the script reads anywhere
     * ({@code scriptSources}).
     *
     * @param expressionSources the sources of the {@code ${{ }}} expressions whose text a value holds
     * @param envNames          the variables the step's, job's and workflow's {@code env} set
     * @param envSources        the sources of such a variable, by name
     */
    public static Set<String> valueSources(String value, Variables vars, Function<String, Set<String>> expressionSources,
                                           Set<String> envNames, Function<String, Set<String>> envSources,
                                           Set<String> scriptSources, int depth) {
        Set<String> out = new LinkedHashSet<>();
        if (depth > 4) {
            out.addAll(scriptSources);
            return out;
        }
        out.addAll(expressionSources.apply(value));
        for (String name : variablesRead(value)) {
            if (vars.validated(name)) {
                continue;
            }
            out.addAll(vars.remember("sources", name, depth, Set.<String>of(), () -> {
                Set<String> carried = new LinkedHashSet<>();
                for (String rhs : vars.assignments(name)) {
                    if (!fixedFormatQuery(rhs)) {
                        carried.addAll(valueSources(rhs, vars, expressionSources, envNames, envSources, scriptSources,
                                depth + 1));
                    }
                }
                // An env variable the script also assigns may hold either value where it is written.
                if (envNames.contains(name)) {
                    carried.addAll(envSources.apply(name));
                } else if (vars.assignments(name).isEmpty() && vars.readInto(name)) {
                    carried.addAll(scriptSources);
                }
                return carried;
            }));
        }
        return out;
    }
}
