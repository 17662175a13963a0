package dev.cimatrix.fix;

import dev.cimatrix.discover.jenkins.JenkinsReader;
import dev.cimatrix.discover.yaml.SourceText;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.JenkinsPipeline.Interpolation;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of {@code jenkins-script-injection} and {@code jenkins-secret-interpolation} in one Jenkinsfile: a
 * double-quoted script ({@code sh "git push origin ${env.CHANGE_BRANCH}"}) becomes a single-quoted one in which the
 * shell reads each value from its environment ({@code sh 'git push origin ${CHANGE_BRANCH}'}), written for the shell
 * quoting it stands in, as the fixes of the other platforms write it. Groovy's single- and double-quoted strings
 * share their escapes, so the script's text is kept as written, a single quote in it escaped. A script is fixed whole
 * or not at all: every value Groovy writes into it must be an environment variable of the step (an {@code env} or
 * {@code params} entry, a credential bound around it, a variable the script's {@code environment} or {@code withEnv}
 * sets, or one Jenkins sets); {@code bat} scripts, whose cmd expands {@code %NAME%} before it reads the line, are left.
 * The rewritten file is read back, and every step must still be there, the fixed ones without a value written in.
 */
final class JenkinsInjectionFix {
    /** How an interpolation names an environment variable: env.NAME, env['NAME'], params.NAME, or NAME alone. */
    private static final Pattern ENTRY = Pattern.compile(
            "(?:(?:env|params)\\.([A-Za-z_][A-Za-z0-9_]*)|(?:env|params)\\[\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]\\s*]"
                    + "|([A-Za-z_][A-Za-z0-9_]*))");
    /** Variables Jenkins sets in every build's environment, and those a multibranch build adds. */
    private static final Set<String> JENKINS_VARIABLES = Set.of("BRANCH_NAME", "BRANCH_IS_PRIMARY", "CHANGE_ID",
            "CHANGE_URL", "CHANGE_TITLE", "CHANGE_AUTHOR", "CHANGE_AUTHOR_DISPLAY_NAME", "CHANGE_AUTHOR_EMAIL",
            "CHANGE_TARGET", "CHANGE_BRANCH", "CHANGE_FORK", "TAG_NAME", "TAG_TIMESTAMP", "TAG_UNIXTIME", "TAG_DATE",
            "BUILD_NUMBER", "BUILD_ID", "BUILD_DISPLAY_NAME", "BUILD_TAG", "BUILD_URL", "JOB_NAME", "JOB_BASE_NAME",
            "JOB_URL", "EXECUTOR_NUMBER", "NODE_NAME", "NODE_LABELS", "WORKSPACE", "JENKINS_HOME", "JENKINS_URL",
            "GIT_COMMIT", "GIT_PREVIOUS_COMMIT", "GIT_PREVIOUS_SUCCESSFUL_COMMIT", "GIT_BRANCH", "GIT_LOCAL_BRANCH",
            "GIT_URL", "GIT_COMMITTER_NAME", "GIT_AUTHOR_NAME", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_EMAIL");

    private final String path;
    private final String text;
    private final SourceText lines;
    private final JenkinsPipeline pipeline;
    private final Set<String> environment = new HashSet<>();
    /** The outcome of each step planned, by where it stands: empty when fixed, else why not. */
    private final Map<Location, Optional<String>> planned = new HashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    private final List<ShellStep> fixedSteps = new ArrayList<>();
    /** The step of each value written in, by the line and column it starts at. */
    private final Map<String, ShellStep> stepsByValue = new HashMap<>();
    private String failure;

    private record Edit(int start, int end, String text) {
    }

    JenkinsInjectionFix(String path, String text, JenkinsPipeline pipeline) {
        this.path = path;
        this.text = text;
        this.pipeline = pipeline;
        this.lines = new SourceText(text);
        environment.addAll(JENKINS_VARIABLES);
        pipeline.settings().stream().filter(JenkinsPipeline.Setting::inEnvironment)
                .forEach(s -> environment.add(s.name()));
        pipeline.parameters().forEach(p -> environment.add(p.name()));
    }

    /** The step that writes in the value a finding is at; empty when no step of the file does. */
    Optional<ShellStep> stepAt(Location finding) {
        if (stepsByValue.isEmpty()) {
            for (ShellStep step : pipeline.steps()) {
                for (Interpolation value : step.interpolations()) {
                    stepsByValue.putIfAbsent(value.location().startLine() + ":" + value.location().startColumn(), step);
                }
            }
        }
        return Optional.ofNullable(stepsByValue.get(finding.startLine() + ":" + finding.startColumn()));
    }

    /** Plans the fix of a step's whole script, once per step, or says why it has none. */
    Optional<String> add(ShellStep step) {
        return planned.computeIfAbsent(step.location(), at -> plan(step));
    }

    private Optional<String> plan(ShellStep step) {
        if (step.step().equals("bat")) {
            return Optional.of("cmd expands %NAME% before it reads the line, which is no safer than Groovy's "
                    + "interpolation; read the value with delayed expansion (!NAME!) or write the step in PowerShell, "
                    + "by hand");
        }
        String script = step.script().value();
        int contentStart = offset(step.script().location());
        int contentEnd = contentStart + script.length();
        boolean triple = contentStart >= 3 && text.startsWith("\"\"\"", contentStart - 3)
                && text.startsWith("\"\"\"", contentEnd);
        boolean single = !triple && contentStart >= 1 && text.charAt(contentStart - 1) == '"'
                && contentEnd < text.length() && text.charAt(contentEnd) == '"';
        if (!triple && !single || !text.startsWith(script, contentStart)) {
            return Optional.of("the script is not one double-quoted string; fix it by hand");
        }
        if (triple && (script.contains("'''") || script.endsWith("'"))) {
            return Optional.of("the script holds ''' or ends with a single quote, which a triple-single-quoted string "
                    + "cannot hold as written; fix it by hand");
        }
        // Where each value stands in the script, and the environment variable that holds it.
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Interpolation value : step.interpolations()) {
            Matcher entry = ENTRY.matcher(value.source());
            String name = !entry.matches() ? null : entry.group(1) != null ? entry.group(1)
                    : entry.group(2) != null ? entry.group(2) : entry.group(3);
            boolean known = name != null && (entry.group(3) == null || environment.contains(name)
                    || step.secrets().contains(name));
            if (!known || value.offset() < 0 || value.length() < 2 || value.offset() + value.length() > script.length()
                    || script.charAt(value.offset()) != '$') {
                return Optional.of("the script also writes in " + value.source() + ", which is no environment "
                        + "variable of the step; hand it over with withEnv([\"NAME=${…}\"]) and fix the script by "
                        + "hand");
            }
            spans.add(new int[]{value.offset(), value.offset() + value.length()});
            names.add(name);
        }
        // The shell reads the script with Groovy's escapes resolved: its quoting is followed on that text.
        StringBuilder shell = new StringBuilder();
        // Where each character the shell reads starts in the script as written (at the backslash of an escape).
        List<Integer> rawOf = new ArrayList<>();
        for (int i = 0; i < script.length(); i++) {
            rawOf.add(i);
            if (script.charAt(i) == '\\' && i + 1 < script.length() && "\\\"'$".indexOf(script.charAt(i + 1)) >= 0) {
                i++;
            }
            shell.append(script.charAt(i));
        }
        rawOf.add(script.length());
        List<Edit> stepEdits = new ArrayList<>();
        List<int[]> replacedSpans = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            int shellStart = rawOf.indexOf(spans.get(k)[0]);
            int shellEnd = rawOf.indexOf(spans.get(k)[1]);
            if (shellStart < 0 || shellEnd < 0) {
                return Optional.of("the value " + step.interpolations().get(k).source() + " could not be placed in "
                        + "the script as the shell reads it");
            }
            ScriptReplacement replaced = step.step().equals("sh")
                    ? ScriptReplacement.posix(shell.toString(), shellStart, shellEnd, names.get(k))
                    : ScriptReplacement.powershell(shell.toString(), shellStart, shellEnd, names.get(k));
            if (replaced.refusal() != null) {
                return Optional.of(replaced.refusal());
            }
            int rawStart = rawOf.get(replaced.start());
            int rawEnd = rawOf.get(replaced.end());
            replacedSpans.add(new int[]{rawStart, rawEnd});
            String written = replaced.text().replace("\\", "\\\\");
            stepEdits.add(new Edit(contentStart + rawStart, contentStart + rawEnd,
                    single ? written.replace("'", "\\'") : written));
        }
        if (single) {
            // A single quote of the text, unescaped in a double-quoted string, must be escaped in a single-quoted one.
            for (int i = 0; i < script.length(); i++) {
                if (script.charAt(i) == '\\') {
                    i++;
                } else if (script.charAt(i) == '\'') {
                    int at = i;
                    if (replacedSpans.stream().noneMatch(s -> at >= s[0] && at < s[1])) {
                        stepEdits.add(new Edit(contentStart + i, contentStart + i + 1, "\\'"));
                    }
                }
            }
        }
        String quote = triple ? "'''" : "'";
        stepEdits.add(new Edit(contentStart - quote.length(), contentStart, quote));
        stepEdits.add(new Edit(contentEnd, contentEnd + quote.length(), quote));
        edits.addAll(stepEdits);
        fixedSteps.add(step);
        return Optional.empty();
    }

    /**
     * The file with the planned edits made, read back: empty (with {@link #failure()}) when it does not read, loses a
     * step, or still has Groovy write a value into a fixed step.
     */
    Optional<String> apply() {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Edit edit : ordered) {
            if (edit.end() > limit) {
                failure = "two changes of the file overlap";
                return Optional.empty();
            }
            out.replace(edit.start(), edit.end(), edit.text());
            limit = edit.start();
        }
        String after = out.toString();
        List<ReadProblem> problems = new ArrayList<>();
        Optional<JenkinsPipeline> reread = JenkinsReader.read(path, after, problems);
        if (reread.isEmpty()) {
            failure = "the rewritten file does not read back (" + problems.stream().map(ReadProblem::message)
                    .findFirst().orElse("") + "); it was left as it is";
            return Optional.empty();
        }
        if (reread.get().steps().size() != pipeline.steps().size()) {
            failure = "the rewritten file does not hold the same steps; it was left as it is";
            return Optional.empty();
        }
        Set<Integer> fixedLines = new HashSet<>();
        fixedSteps.forEach(s -> fixedLines.add(s.location().startLine()));
        for (ShellStep step : reread.get().steps()) {
            if (fixedLines.contains(step.location().startLine()) && !step.interpolations().isEmpty()) {
                failure = "a rewritten script still has Groovy write a value into it; it was left as it is";
                return Optional.empty();
            }
        }
        return Optional.of(after);
    }

    String failure() {
        return failure;
    }

    /**
     * The lines the edits change, in order: each edit stands on one line (a quote, or a value's {@code ${…}}) and adds
     * or removes none, so a diff need not search for them.
     */
    List<FileRewrite.Lines> changedLines() {
        if (edits.stream().anyMatch(e -> line(e.start()) != line(Math.max(e.start(), e.end() - 1))
                || e.text().indexOf('\n') >= 0 || e.text().indexOf('\r') >= 0)) {
            return List.of();
        }
        return edits.stream().mapToInt(e -> line(e.start())).distinct().sorted()
                .mapToObj(line -> new FileRewrite.Lines(line, line + 1, 0)).toList();
    }

    /** The 0-based line of an offset. */
    private int line(int offset) {
        return lines.lineOf(offset);
    }

    private int offset(Location location) {
        return Math.min(text.length(), lines.charIndex(location.startLine() - 1, location.startColumn() - 1));
    }
}
