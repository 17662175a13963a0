package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.SameLine;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.expr.TaintTable;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes to the GITHUB_ENV, GITHUB_PATH and GITHUB_OUTPUT files. A line written to GITHUB_ENV sets a
 * variable for every later step ({@code LD_PRELOAD}, {@code NODE_OPTIONS}, {@code BASH_ENV} run code), a
 * line in GITHUB_PATH puts a directory first on the PATH, and a newline in a value written to
 * GITHUB_OUTPUT adds outputs of the attacker's choosing. Reported when the written data is
 * attacker-controlled, and in workflows that run with privileges for outsiders whatever the data, since
 * what is written there is rarely free of outside influence.
 */
public final class GithubEnvCheck implements Check {
    public static final String ID = "gha-github-env";
    /** The names WRITE ends with: scripts that only read GITHUB_TOKEN or GITHUB_SHA skip the pattern. */
    private static final TextSearch GITHUB_FILE = TextSearch.anyOf("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT");
    /** A file a write names: {@code $GITHUB_ENV}, {@code ${GITHUB_PATH}}, {@code $env:GITHUB_OUTPUT}, {@code %GITHUB_ENV%}. */
    private static final String TARGET = "(?:\\$\\{?(?:env:)?|%)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\\b";
    /**
     * A shell redirection or tee into one of the files. The look-ahead names the first character of each
     * alternative, sparing the others at most positions; white space is taken in one place only, so that a long
     * run of it is not split in every way between two quantifiers.
     */
    private static final Pattern REDIRECT = Pattern.compile("(?=[>t])(?:>>?\\s*|tee\\s+(?:-a\\s+)?)[\"']?" + TARGET,
            Pattern.CASE_INSENSITIVE);
    /** A PowerShell cmdlet that writes a file, named anywhere later on its line. */
    private static final Pattern CMDLET = Pattern.compile("(?=[oas])(?:Out-File|Add-Content|Set-Content)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CMDLET_TARGET = Pattern.compile(TARGET, Pattern.CASE_INSENSITIVE);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        if (context.step().run() == null) {
            return;
        }
        String script = context.step().run().value();
        if (!GITHUB_FILE.foundIn(script)) {
            return;
        }
        Set<String> files = new LinkedHashSet<>();
        boolean[] dynamic = {false};
        // Where the shell writes are, for a look at what each writes once the script is seen to read event data.
        List<Integer> writes = new java.util.ArrayList<>();
        boolean[] cmdlets = {false};
        Matcher m = REDIRECT.matcher(script);
        while (m.find()) {
            files.add(m.group(1).toUpperCase(Locale.ROOT));
            dynamic[0] = dynamic[0] || writesComputedText(script, m.start());
            writes.add(m.start());
        }
        SameLine.afterCommand(CMDLET, CMDLET_TARGET, script, (cmdlet, target) -> {
            files.add(target.group(1).toUpperCase(Locale.ROOT));
            dynamic[0] = dynamic[0] || writesComputedText(script, cmdlet);
            cmdlets[0] = true;
            return true;
        });
        if (files.isEmpty()) {
            return;
        }
        Variables vars = new Variables(script);
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        Set<String> scriptSources = new LinkedHashSet<>(taint.sources(context.step().run(), scope));
        var lookup = taint.lookup(scope);
        Set<String> envNames = new java.util.HashSet<>();
        for (KeyValue env : allEnv(context)) {
            String variable = env.key();
            envNames.add(variable);
            if (script.contains("$" + variable) || script.contains("${" + variable)) {
                scriptSources.addAll(lookup.sourcesAt("env." + variable.toLowerCase(Locale.ROOT)));
            }
        }
        // When every write is an echo of NAME=value, only what the values carry is written.
        // The values of the writes that are one echo or printf of a fixed, harmless NAME=; keyed is false once a
        // write is not such a write. The values carry no more than the script reads: with nothing read, nothing is
        // left to follow.
        boolean keyed = !cmdlets[0] && !scriptSources.isEmpty();
        List<String> keyedValues = new java.util.ArrayList<>();
        for (int i = 0; keyed && i < writes.size(); i++) {
            Optional<String> value = fixedNameValue(script, writes.get(i));
            value.ifPresent(keyedValues::add);
            keyed = value.isPresent();
        }
        Set<String> sources = scriptSources;
        if (keyed) {
            sources = new LinkedHashSet<>();
            for (String value : keyedValues) {
                sources.addAll(valueSources(value, vars, context, scope, taint, lookup, envNames, scriptSources, 0));
            }
        }
        Optional<String> privileged = Triggers.privilegedForOutsiders(taint.triggers(scope));
        if (privileged.isEmpty() && context.inAction() && taint.isPublished(context.action())) {
            privileged = Optional.of("the triggers of workflows that use this action");
        }
        // A value without line breaks (a branch name, text whose breaks tr removed), written after a fixed name, sets
        // that variable or output and no other.
        boolean contained = !sources.isEmpty() && keyed && !files.contains("GITHUB_PATH") && keyedValues.stream()
                .allMatch(v -> holdsOneLine(v, vars, context, scope, taint, lookup, envNames, 0));
        if (contained) {
            findings.at(context.step().run().location())
                    .message("writes data from " + String.join(", ", sources) + " to " + String.join(" and ", files)
                            + " after a fixed name; the value cannot hold a line break, so it cannot add variables or "
                            + "outputs, but later steps get text an outsider chose: quote it wherever it is used")
                    .severity(Severity.LOW)
                    .subject(String.join(",", files) + ":" + String.join(",", sources))
                    .property("files", String.join(",", files)).report();
            return;
        }
        boolean onlyOutput = files.equals(Set.of("GITHUB_OUTPUT"));
        if (sources.isEmpty() && (privileged.isEmpty() || onlyOutput || !dynamic[0]
                || !cmdlets[0] && writesOnlyKnownValues(vars, writes, envNames))) {
            return;
        }
        String targets = String.join(" and ", files);
        String message = sources.isEmpty()
                ? "writes to " + targets + " in a workflow that runs on " + privileged.get()
                        + " with secrets and a write token; make sure nothing written there comes from the event"
                : "writes data from " + String.join(", ", sources) + " to " + targets + "; " + whatAnAttackerSets(files);
        var finding = findings.at(context.step().run().location()).message(message)
                .subject(String.join(",", files) + ":" + String.join(",", sources))
                .property("files", String.join(",", files));
        if (sources.isEmpty()) {
            // Computed text in a privileged workflow asks for a review; only data seen to come from the event is high.
            finding.confidence(Confidence.MEDIUM).severity(Severity.MEDIUM);
        } else {
            finding.confidenceAtMost(taint.sureness(sources, scope));
        }
        if (onlyOutput || privileged.isEmpty()) {
            finding.severity(Severity.MEDIUM);
        }
        if (privileged.isEmpty() && !sources.isEmpty() && !context.inAction()) {
            Checkouts.pullRequestCodeRun(context.job(), taint.triggers(scope)).ifPresent(step -> finding
                    .severity(Severity.LOW).clause("under pull_request the job already runs the pull request's own code "
                            + "(step '" + step.label() + "'), and a fork's run uses the fork's copy of the workflow, so "
                            + "the write gives its author nothing more"));
        }
        finding.report();
    }

    /** What a line break in the written data lets an attacker do, for the files written. */
    private static String whatAnAttackerSets(Set<String> files) {
        List<String> parts = new java.util.ArrayList<>();
        if (files.contains("GITHUB_ENV")) {
            parts.add("set variables such as LD_PRELOAD or BASH_ENV for every later step");
        }
        if (files.contains("GITHUB_PATH")) {
            parts.add("put a folder of their choosing first on the PATH of every later step");
        }
        if (files.contains("GITHUB_OUTPUT")) {
            parts.add("add or replace outputs that later steps and jobs read");
        }
        return "an attacker can " + String.join(", ", parts.subList(0, parts.size() - 1))
                + (parts.size() > 1 ? " or " : "") + parts.get(parts.size() - 1);
    }

    /**
     * Whether the line of a write carries computed text (a variable, a command substitution), not only literals.
     * A {@code ${{ }}} that is one path of the {@code github} or {@code runner} context is not computed
     * text: it is fixed before the script runs, and the taint table already reports the parts of those
     * contexts an outsider controls ({@code echo "${{ runner.temp }}/bin" >> $GITHUB_PATH} writes a constant).
     */
    static boolean writesComputedText(String script, int writeAt) {
        String before = lineBefore(script, writeAt);
        if (before.contains("${{")) {
            before = FIXED_EXPRESSION.matcher(before).replaceAll("");
        }
        if (before.contains("$")) {
            before = RUNNER_VARIABLE.matcher(before).replaceAll("");
        }
        return before.contains("$") || before.contains("`") || holdsWindowsVariable(before);
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
    private static final Pattern RUNNER_VARIABLE = Pattern.compile("\\$(?:\\{(?:" + FIXED_RUNNER_VARIABLES + ")}|(?:"
            + FIXED_RUNNER_VARIABLES + ")(?![A-Za-z0-9_]))");

    /** The text of a write's line before it; the window keeps a line of many writes linear. */
    private static String lineBefore(String script, int writeAt) {
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
    static Optional<String> fixedNameValue(String script, int writeAt) {
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
        return Optional.of(value);
    }

    /**
     * Whether a written value can hold no line break, so that after a fixed {@code NAME=} it sets that one variable or
     * output: each command substitution in it prints one line ({@link ShellText#printsOneLine}) or is a
     * {@link #fixedFormatQuery fixed-format query}, each expression in it reads only one-line fields of the event
     * (branch names), and each variable it reads is the runner's, validated as one word, an {@code env} variable of
     * one-line fields, never set by the script, or set only to such values.
     */
    private static boolean holdsOneLine(String value, Variables vars, StepContext context, Scope scope, WorkflowTaint taint,
                                        dev.cimatrix.analyze.expr.TaintLookup lookup, Set<String> envNames, int depth) {
        List<ShellText.Substitution> substitutions = ShellText.substitutions(value);
        if (depth > MAX_KNOWN_DEPTH || substitutions == null) {
            return false;
        }
        for (ShellText.Substitution s : substitutions) {
            // One line by its own commands, or printed from text of one line by commands that add none.
            if (!ShellText.printsOneLine(s) && !fixedFormatQuery(value.substring(s.start(), s.end()))
                    && !(ShellText.keepsOneLine(s) && ShellText.printedText(s)
                    .map(text -> holdsOneLine(text, vars, context, scope, taint, lookup, envNames, depth + 1)).orElse(false))) {
                return false;
            }
        }
        String outside = ShellText.withoutSubstitutions(value, substitutions);
        if (outside.contains("`") || holdsWindowsVariable(outside)) {
            return false;
        }
        for (var use : context.step().run().expressions()) {
            if (outside.contains(use.source().strip())
                    && !taint.sources(use, scope).stream().allMatch(t -> TaintTable.github().oneLine(t.source()))) {
                return false;
            }
        }
        for (String name : variablesRead(outside)) {
            if (RUNNER_VARIABLE.matcher("$" + name).matches() || vars.validated(name)) {
                continue;
            }
            boolean oneLine = vars.remember("oneLine", name, depth, false, () -> {
                if (envNames.contains(name) && !lookup.sourcesAt("env." + name.toLowerCase(Locale.ROOT)).stream()
                        .allMatch(TaintTable.github()::oneLine)) {
                    return false;
                }
                return !vars.sets(name) || vars.assignedOnly(name, assigned -> fixedFormatQuery(assigned)
                        || holdsOneLine(withoutItself(assigned, name), vars, context, scope, taint, lookup, envNames, depth + 1));
            });
            if (!oneLine) {
                return false;
            }
        }
        return true;
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
    /**
     * A substitution that pipes GitHub's API into jq with a program and no file: {@code $(gh api … | jq -r '.id')},
     * {@code $(curl -s "$GITHUB_API_URL/…" | jq …)}. The API's keys hold what their names say; JSON from elsewhere (a
     * downloaded artifact, a file of the pull request) may hold anything under any key.
     */
    private static final Pattern PIPED_JQ = Pattern.compile("(?s)\\s*\"?\\$\\(\\s*(?:gh\\s+(?:api|pr|issue|run)\\s"
            + "|curl\\s[^|]*(?:api\\.github\\.com|\\$\\{?GITHUB_API_URL|github\\.api_url))[^|]*\\|\\s*jq(?:\\s+-[a-z]+)*\\s+"
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
    static boolean fixedFormatQuery(String value) {
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
    static boolean printsFixedFormat(String program) {
        List<String> stages = ShellText.pipeline(program);
        String last = stages.get(stages.size() - 1).strip();
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
            String line = lineBefore(script, write.start());
            int start = ShellText.lastCommandStart(line);
            if (start < 0 || !fixedFormatQuery("$(" + line.substring(start) + ")")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** A command that only prints a file: {@code cat F}, {@code cat "F"}, {@code < F}. */
    private static final Pattern FILE_READ = Pattern.compile("\\s*(?:cat\\s+|<\\s*)\"?([\\w./${}-]+)\"?\\s*");

    /**
     * Whether every write is an echo of a fixed {@code NAME=} whose value reads only variables of known content: the
     * runner's fixed ones, the step's, job's and workflow's {@code env} (whose sources the check follows), variables
     * validated as one word, and variables the script assigns only from those, from {@link #fixedFormatQuery
     * fixed-format queries} or from commands that print one line ({@code GH_HOST="${GITHUB_SERVER_URL#https://}"},
     * {@code N=$(gh api … --jq '.[0].number')}, {@code T=$(curl … | tr -d '[:space:]')}). Such a write puts nothing of
     * unknown origin into the file, or nothing that can add a variable or an output.
     */
    static boolean writesOnlyKnownValues(Variables vars, List<Integer> writes, Set<String> envNames) {
        for (int write : writes) {
            Optional<String> value = fixedNameValue(vars.script, write);
            if (value.isEmpty() || !ofKnownContent(value.get(), vars, envNames, 0)) {
                return false;
            }
        }
        return !writes.isEmpty();
    }

    /** How many assignments deep {@link #ofKnownContent} and {@link #holdsOneLine} follow variables. */
    private static final int MAX_KNOWN_DEPTH = 3;

    private static boolean ofKnownContent(String value, Variables vars, Set<String> envNames, int depth) {
        // Command output that may hold several lines, and cmd's and PowerShell's variables, which this reading does
        // not follow. Output of one line, after the write's fixed name, cannot add variables or outputs.
        List<ShellText.Substitution> substitutions = ShellText.substitutions(value);
        if (substitutions == null) {
            return false;
        }
        for (ShellText.Substitution s : substitutions) {
            if (!ShellText.printsOneLine(s) && !fixedFormatQuery(value.substring(s.start(), s.end()))
                    && !vars.readsFixedFormatFile(s.body())) {
                return false;
            }
        }
        String outside = ShellText.withoutSubstitutions(value, substitutions);
        if (outside.contains("`") || holdsWindowsVariable(outside)) {
            return false;
        }
        for (String name : variablesRead(outside)) {
            if (envNames.contains(name) || RUNNER_VARIABLE.matcher("$" + name).matches() || vars.validated(name)) {
                continue;
            }
            boolean known = depth < MAX_KNOWN_DEPTH && vars.remember("known", name, depth, false,
                    () -> vars.assignedOnly(name, assigned -> fixedFormatQuery(assigned)
                            || ofKnownContent(withoutItself(assigned, name), vars, envNames, depth + 1)));
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /**
     * An assigned value without its reads of the variable it is assigned to ({@code X="${X#http://}"}): those add
     * nothing that the variable's other assignments do not hold, which are judged as well.
     */
    private static String withoutItself(String assigned, String name) {
        return Pattern.compile("\\$\\{?" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(assigned).replaceAll("");
    }

    /** The shell variables a text reads, each once, in order. */
    private static Set<String> variablesRead(String text) {
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
    static final class Variables {
        final String script;
        private final Map<String, List<String>> assignments = new HashMap<>();
        private final Map<String, Boolean> readsInto = new HashMap<>();
        private final Map<String, Boolean> validated = new HashMap<>();
        private final Map<String, Boolean> fixedFormatFiles = new HashMap<>();
        private final Map<String, Object> results = new HashMap<>();

        Variables(String script) {
            this.script = script;
        }

        /** The values the script assigns to a variable, each with the lines it continues over. */
        List<String> assignments(String name) {
            List<String> known = assignments.get(name);
            if (known == null) {
                known = new java.util.ArrayList<>();
                Matcher assignment = assignment(name).matcher(script);
                while (assignment.find()) {
                    known.add(assignedValue(script, assignment));
                }
                assignments.put(name, known);
            }
            return known;
        }

        /** Whether a {@code read}, {@code for}, {@code mapfile} or {@code readarray} sets the variable. */
        boolean readInto(String name) {
            return readsInto.computeIfAbsent(name, n -> readsInto(n).matcher(script).find());
        }

        boolean sets(String name) {
            return !assignments(name).isEmpty() || readInto(name);
        }

        boolean validated(String name) {
            return validated.computeIfAbsent(name, n -> validatedAsOneWord(script, n));
        }

        boolean readsFixedFormatFile(String body) {
            return fixedFormatFiles.computeIfAbsent(body, b -> GithubEnvCheck.readsFixedFormatFile(b, script));
        }

        /** Whether the script sets a variable, and only by assignments whose values pass {@code value}. */
        boolean assignedOnly(String name, Predicate<String> value) {
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
        <T> T remember(String kind, String name, int depth, T meanwhile, java.util.function.Supplier<T> compute) {
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
     * The value of an assignment found by {@link #assignment}: an assignment continued over lines (\ at the end, an
     * open $( ) reads on to the line that closes it.
     */
    private static String assignedValue(String script, Matcher assignment) {
        int end = assignment.end(1);
        String rhs = assignment.group(1);
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

    /** An assignment of the variable, its value to the end of the line in group 1. */
    private static Pattern assignment(String name) {
        return Pattern.compile("(?:^|[\\s;&|(])(?:export\\s+|local\\s+|readonly\\s+)?" + Pattern.quote(name)
                + "\\+?=(.*)$", Pattern.MULTILINE);
    }

    /** A {@code read}, {@code for}, {@code mapfile} or {@code readarray} that sets the variable. */
    private static Pattern readsInto(String name) {
        String quoted = Pattern.quote(name);
        return Pattern.compile("\\bread\\b[^\\n;|&]*\\b" + quoted + "\\b|\\b(?:for|mapfile|readarray)\\s+(?:-\\S+\\s+)*"
                + quoted + "\\b");
    }

    /**
     * What a written value carries from the event: its expressions, the {@code env} variables it reads, and for a
     * variable the script assigns (an env variable too) ({@code N=$(gh pr view "$BRANCH" …)}), what the assignment reads, followed a
     * few assignments deep. A variable set by {@code read}, {@code for} or {@code mapfile} carries whatever the
     * script reads anywhere.
     */
    private static Set<String> valueSources(String value, Variables vars, StepContext context, Scope scope,
                                            WorkflowTaint taint, dev.cimatrix.analyze.expr.TaintLookup lookup,
                                            Set<String> envNames, Set<String> scriptSources, int depth) {
        Set<String> out = new LinkedHashSet<>();
        if (depth > 4) {
            out.addAll(scriptSources);
            return out;
        }
        for (var use : context.step().run().expressions()) {
            if (value.contains(use.source().strip())) {
                taint.sources(use, scope).forEach(t -> out.add(t.source()));
            }
        }
        for (String name : variablesRead(value)) {
            if (vars.validated(name)) {
                continue;
            }
            out.addAll(vars.remember("sources", name, depth, Set.<String>of(), () -> {
                Set<String> carried = new LinkedHashSet<>();
                for (String rhs : vars.assignments(name)) {
                    if (!fixedFormatQuery(rhs)) {
                        carried.addAll(valueSources(rhs, vars, context, scope, taint, lookup, envNames, scriptSources, depth + 1));
                    }
                }
                // An env variable the script also assigns may hold either value where it is written.
                if (envNames.contains(name)) {
                    carried.addAll(lookup.sourcesAt("env." + name.toLowerCase(Locale.ROOT)));
                } else if (vars.assignments(name).isEmpty() && vars.readInto(name)) {
                    carried.addAll(scriptSources);
                }
                return carried;
            }));
        }
        return out;
    }

    /**
     * Whether the script stops unless a variable matches a whole-value pattern that allows no white space and no
     * line break: {@code [[ ! "$V" =~ ^[A-Za-z0-9._-]+$ ]] && exit 1}, or {@code [[ "$V" =~ ^…$ ]] || exit 1}, the
     * exit within a few lines. Such a value is one word of the listed characters, whatever it was made from.
     */
    static boolean validatedAsOneWord(String script, String name) {
        if (validatedByCase(script, name)) {
            return true;
        }
        if (!script.contains("=~")) {
            return false;
        }
        Matcher guard = Pattern.compile("(!\\s*)?\"?\\$\\{?" + Pattern.quote(name) + "}?\"?\\s*=~\\s*(\\S+?)\\s*]]").matcher(script);
        while (guard.find()) {
            if (!wholeWordPattern(guard.group(2))) {
                continue;
            }
            String after = script.substring(guard.end(), Math.min(script.length(), guard.end() + 400));
            boolean exits = guard.group(1) != null
                    ? after.contains("exit") : after.matches("(?s)\\s*\\|\\|\\s*(?:\\{\\s*)?(?:echo[^\\n]*;\\s*)?exit\\b.*");
            if (exits) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a {@code case} on the variable lets only literal words through and stops the script on anything else:
     * {@code case "$V" in true|false) ;; *) echo "unexpected: $V"; exit 1 ;; esac}.
     */
    private static boolean validatedByCase(String script, String name) {
        if (!script.contains("esac")) {
            return false;
        }
        Matcher statement = Pattern.compile("\\bcase\\s+\"?\\$\\{?" + Pattern.quote(name) + "}?\"?\\s+in\\b(.{0,2000}?)\\besac\\b",
                Pattern.DOTALL).matcher(script);
        while (statement.find()) {
            boolean stopsOtherwise = false;
            boolean literalArms = true;
            for (String arm : statement.group(1).split(";;")) {
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
                return true;
            }
        }
        return false;
    }

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
    private static boolean holdsWindowsVariable(String text) {
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

    /** A {@code ${{ }}} that is one {@code github.*} or {@code runner.*} path. */
    private static final Pattern FIXED_EXPRESSION = Pattern.compile(
            "\\$\\{\\{\\s*(?:github|runner)\\.[A-Za-z0-9_.-]+\\s*}}", Pattern.CASE_INSENSITIVE);

    private static List<KeyValue> allEnv(StepContext context) {
        List<KeyValue> env = new java.util.ArrayList<>(context.step().env());
        if (!context.inAction()) {
            env.addAll(context.job().env());
            env.addAll(context.workflow().env());
        }
        return env;
    }
}
