package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
    /** The look-ahead names the first character of each alternative, sparing the others at most positions. */
    private static final Pattern WRITE = Pattern.compile(
            "(?=[>toas])(?:>>?|tee\\s+(?:-a\\s+)?|Out-File\\b[^\\n]*|Add-Content\\b[^\\n]*|Set-Content\\b[^\\n]*)\\s*[\"']?(?:\\$\\{?(?:env:)?|%)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\\b",
            Pattern.CASE_INSENSITIVE);

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
        Matcher m = WRITE.matcher(script);
        Set<String> files = new LinkedHashSet<>();
        boolean dynamic = false;
        while (m.find()) {
            files.add(m.group(1).toUpperCase(Locale.ROOT));
            dynamic |= writesComputedText(script, m.start());
        }
        if (files.isEmpty()) {
            return;
        }
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        Set<String> sources = new LinkedHashSet<>(taint.sources(context.step().run(), scope));
        var lookup = taint.lookup(scope);
        for (KeyValue env : allEnv(context)) {
            String variable = env.key();
            if (script.contains("$" + variable) || script.contains("${" + variable)) {
                sources.addAll(lookup.sourcesAt("env." + variable.toLowerCase(Locale.ROOT)));
            }
        }
        Optional<String> privileged = Triggers.privilegedForOutsiders(taint.triggers(scope));
        if (privileged.isEmpty() && context.inAction() && taint.isPublished(context.action())) {
            privileged = Optional.of("the triggers of workflows that use this action");
        }
        boolean onlyOutput = files.equals(Set.of("GITHUB_OUTPUT"));
        if (sources.isEmpty() && (privileged.isEmpty() || onlyOutput || !dynamic)) {
            return;
        }
        String targets = String.join(" and ", files);
        String message = sources.isEmpty()
                ? "writes to " + targets + " in a workflow that runs on " + privileged.get()
                        + " with secrets and a write token; make sure nothing written there comes from the event"
                : "writes data from " + String.join(", ", sources) + " to " + targets
                        + "; an attacker can set variables such as LD_PRELOAD or BASH_ENV, or paths, for every later step";
        var finding = findings.at(context.step().run().location()).message(message)
                .subject(String.join(",", files) + ":" + String.join(",", sources))
                .property("files", String.join(",", files));
        if (sources.isEmpty()) {
            finding.confidence(Confidence.MEDIUM);
        }
        if (onlyOutput || privileged.isEmpty()) {
            finding.severity(Severity.MEDIUM);
        }
        finding.report();
    }

    /**
     * Whether the line of a write carries computed text (a variable, a command substitution), not only literals.
     * A {@code ${{ }}} that is one path of the {@code github} or {@code runner} context is not computed
     * text: it is fixed before the script runs, and the taint table already reports the parts of those
     * contexts an outsider controls ({@code echo "${{ runner.temp }}/bin" >> $GITHUB_PATH} writes a constant).
     */
    static boolean writesComputedText(String script, int writeAt) {
        int start = script.lastIndexOf('\n', writeAt) + 1;
        String before = script.substring(start, writeAt);
        if (before.contains("${{")) {
            before = FIXED_EXPRESSION.matcher(before).replaceAll("");
        }
        return before.contains("$") || before.contains("`")
                || (before.indexOf('%') >= 0 && WINDOWS_VARIABLE.matcher(before).matches());
    }

    /** A line holding a Windows {@code %VARIABLE%}; compiled once, as it is asked about every write. */
    private static final Pattern WINDOWS_VARIABLE = Pattern.compile(".*%[A-Za-z_][A-Za-z0-9_]*%.*");

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
