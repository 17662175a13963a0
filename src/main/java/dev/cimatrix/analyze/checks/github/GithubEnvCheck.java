package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.SameLine;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.expr.TaintTable;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.ShellText;
import dev.cimatrix.analyze.github.ShellValues;
import dev.cimatrix.analyze.github.ShellValues.Variables;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.cimatrix.analyze.github.ShellValues.RUNNER_VARIABLE;
import static dev.cimatrix.analyze.github.ShellValues.fixedFormatQuery;
import static dev.cimatrix.analyze.github.ShellValues.fixedNameValue;
import static dev.cimatrix.analyze.github.ShellValues.holdsWindowsVariable;
import static dev.cimatrix.analyze.github.ShellValues.lineBefore;
import static dev.cimatrix.analyze.github.ShellValues.variablesRead;
import static dev.cimatrix.analyze.github.ShellValues.withoutItself;

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
    /** A PowerShell cmdlet that writes a file, named anywhere later on its line. */
    private static final Pattern CMDLET = Pattern.compile("(?=[oas])(?:Out-File|Add-Content|Set-Content)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CMDLET_TARGET = Pattern.compile(ShellValues.RUNNER_FILE, Pattern.CASE_INSENSITIVE);

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
        Matcher m = ShellValues.FILE_WRITE.matcher(script);
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
        // The env names the step sees, the step's own first: each read by the script adds what its value carries.
        Map<String, Integer> order = new java.util.LinkedHashMap<>();
        context.step().env().forEach(kv -> order.putIfAbsent(kv.key(), order.size()));
        int own = order.size();
        EnvNames outer = outerEnv(context);
        EnvNames ownNames = EnvNames.of(order);
        Set<String> envNames = new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object name) {
                return order.containsKey(name) || outer.order().containsKey(name);
            }

            @Override
            public java.util.Iterator<String> iterator() {
                return java.util.stream.Stream.concat(order.keySet().stream(), outer.order().keySet().stream())
                        .distinct().iterator();
            }

            @Override
            public int size() {
                return (int) java.util.stream.Stream.concat(order.keySet().stream(), outer.order().keySet().stream())
                        .distinct().count();
            }
        };
        Set<String> read = new LinkedHashSet<>(ownNames.readBy(script));
        read.addAll(outer.readBy(script));
        read.stream().sorted(java.util.Comparator.comparingInt(n -> order.containsKey(n) ? order.get(n)
                        : own + outer.order().get(n)))
                .forEach(variable -> scriptSources.addAll(lookup.sourcesAt("env." + variable.toLowerCase(Locale.ROOT))));
        // When every write is an echo of NAME=value, only what the values carry is written.
        // The values of the writes that are one echo or printf of a fixed, harmless NAME=; keyed is false once a
        // write is not such a write. The values carry no more than the script reads: with nothing read, nothing is
        // left to follow.
        boolean keyed = !cmdlets[0] && !scriptSources.isEmpty();
        List<String> keyedValues = new java.util.ArrayList<>();
        for (int i = 0; keyed && i < writes.size(); i++) {
            // gh's output of fixed-format fields carries nothing of what the query was given.
            if (ShellValues.writesFixedFormatQuery(script, writes.get(i))) {
                continue;
            }
            Optional<String> value = fixedNameValue(script, writes.get(i));
            value.ifPresent(keyedValues::add);
            keyed = value.isPresent();
        }
        Set<String> sources = scriptSources;
        if (keyed) {
            sources = new LinkedHashSet<>();
            var expressionSources = ShellValues.expressionSources(context.step().run(), lookup);
            for (String value : keyedValues) {
                sources.addAll(ShellValues.valueSources(value, vars, expressionSources,
                        envNames, name -> lookup.sourcesAt("env." + name.toLowerCase(Locale.ROOT)), scriptSources, 0));
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
        if (privileged.isEmpty() && !sources.isEmpty()) {
            taint.pullRequestCodeClause(scope, "the write").ifPresent(clause -> finding.severity(Severity.LOW).clause(clause));
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
                    && !vars.queriesApiAnswer(s.body()) && !(ShellText.keepsOneLine(s) && ShellText.printedText(s, runsInBash(context))
                    .map(text -> holdsOneLine(text, vars, context, scope, taint, lookup, envNames, depth + 1)).orElse(false))) {
                return false;
            }
        }
        String outside = ShellValues.withoutLineCuts(ShellText.withoutSubstitutions(value, substitutions));
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
     * Whether the step's script runs in bash: its shell, or the job's or workflow's default, says bash; or none is set
     * and the job runs on GitHub's Ubuntu or macOS runners, whose default shell is bash.
     */
    private static boolean runsInBash(StepContext context) {
        String shell = context.inAction() ? context.step().shell()
                : context.step().shellIn(context.workflow(), context.job());
        if (shell != null) {
            return shell.strip().startsWith("bash");
        }
        return !context.inAction() && context.job() != null && Runners.bashByDefault(context.job());
    }

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
                    && !vars.readsFixedFormatFile(s.body()) && !vars.queriesApiAnswer(s.body())) {
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

    /** A {@code ${{ }}} that is one {@code github.*} or {@code runner.*} path. */
    private static final Pattern FIXED_EXPRESSION = Pattern.compile(
            "\\$\\{\\{\\s*(?:github|runner)\\.[A-Za-z0-9_.-]+\\s*}}", Pattern.CASE_INSENSITIVE);

    /**
     * The names the job's and then the workflow's env set, each with its place in that order; none in an action.
     * Worked out once per job rather than for each of its steps.
     */
    private static EnvNames outerEnv(StepContext context) {
        if (context.inAction()) {
            return EnvNames.of(Map.of());
        }
        return context.derived().get(List.of(ID + ".env", context.workflow().path(), context.job().id()), () -> {
            Map<String, Integer> order = new java.util.HashMap<>();
            for (List<KeyValue> env : List.of(context.job().env(), context.workflow().env())) {
                env.forEach(kv -> order.putIfAbsent(kv.key(), order.size()));
            }
            return EnvNames.of(order);
        });
    }

    /** Names longer than this are looked for one by one rather than read after each {@code $} of a script. */
    private static final int LONGEST_NAME_READ = 256;

    /**
     * Env names with their order, the length of the longest one read after a {@code $}, and the longer ones, which
     * are searched for.
     */
    record EnvNames(Map<String, Integer> order, int longest, List<String> longNames) {
        static EnvNames of(Map<String, Integer> order) {
            int longest = 0;
            List<String> longNames = new java.util.ArrayList<>();
            for (String name : order.keySet()) {
                if (name.length() > LONGEST_NAME_READ) {
                    longNames.add(name);
                } else {
                    longest = Math.max(longest, name.length());
                }
            }
            return new EnvNames(order, longest, longNames);
        }

        /**
         * The names that a script has right after a {@code $} or {@code ${} (as {@code script.contains("$" + name)}
         * finds them, a name that starts a longer one included): the text after each {@code $} is looked up rather
         * than each name searched for, so a job of thousands of env entries and steps stays fast.
         */
        Set<String> readBy(String script) {
            Set<String> read = new LinkedHashSet<>();
            for (String name : longNames) {
                if (script.contains("$" + name) || script.contains("${" + name)) {
                    read.add(name);
                }
            }
            if (longest == 0) {
                return read;
            }
            for (int dollar = script.indexOf('$'); dollar >= 0; dollar = script.indexOf('$', dollar + 1)) {
                int[] starts = dollar + 1 < script.length() && script.charAt(dollar + 1) == '{'
                        ? new int[] {dollar + 1, dollar + 2} : new int[] {dollar + 1};
                for (int start : starts) {
                    for (int end = start + 1; end <= Math.min(script.length(), start + longest); end++) {
                        String candidate = script.substring(start, end);
                        if (order.containsKey(candidate)) {
                            read.add(candidate);
                        }
                    }
                }
            }
            return read;
        }
    }
}
