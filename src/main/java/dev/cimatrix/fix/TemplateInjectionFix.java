package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.common.ScriptQuotes;
import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fix of {@code gha-template-injection} in one file: each {@code ${{ expr }}} in a script becomes a reference to
 * an environment variable the step sets to {@code ${{ expr }}}, written for the place it stands (inside double
 * quotes, single quotes or none in a shell script; as {@code ${env:NAME}} in PowerShell; as {@code process.env.NAME}
 * in the script of actions/github-script). The value then reaches the script as data: no character of it can end a
 * string or start a command. Sites whose quoting is not certain, where the value stands as a command or as code,
 * and expressions other than a plain context path are left as they are, each with the reason.
 */
final class TemplateInjectionFix {
    /** A context path: {@code github.event.issue.title}, {@code steps.meta.outputs.tags}, {@code inputs.name}. */
    private static final Pattern CONTEXT_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d+\\])+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SPACES_IN_EXPRESSION = Pattern.compile("\\s+");

    /** Escapes a template literal does not allow: {@code \1}…{@code \9}, and {@code \0} before a digit. */
    private static final Pattern LEGACY_OCTAL = Pattern.compile("\\\\(?:[1-9]|0[0-9])");

    /** The most expressions fixed in one script. */
    static final int MAX_PER_SCRIPT = 256;

    private final FileRewrite rewrite;
    /** How many expressions of each script (by route) were planned. */
    private final Map<String, Integer> perScript = new java.util.HashMap<>();
    /** The JavaScript strings made template literals, by value route and opening quote. */
    private final Set<String> literals = new java.util.HashSet<>();

    TemplateInjectionFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    /** Plans the fix of one expression, or says why it has none. */
    Optional<String> add(Workflow workflow, Job job, Step step, CodeSinks.CodeValue code, ExpressionUse use) {
        Scalar value = code.value();
        String expression = use.source().strip();
        if (!CONTEXT_PATH.matcher(expression).matches()) {
            return Optional.of("only a plain context path such as github.event.issue.title is moved into an "
                    + "environment variable, not '" + expression + "'");
        }
        if (value.onCommentedLine(use)) {
            return Optional.of("the expression stands on a commented-out line; delete the line instead");
        }
        // The quoting is read from the script's start for each expression: bounded, so that a script of thousands of
        // them is not read thousands of times.
        if (perScript.merge(value.location().route(), 1, Integer::sum) > MAX_PER_SCRIPT) {
            return Optional.of("the script holds more than " + MAX_PER_SCRIPT + " expressions to move; fix it by hand");
        }
        Language language;
        try {
            language = language(workflow, job, step, code);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        YamlMapping stepMapping = rewrite.mapping(step.location().route());
        if (stepMapping == null) {
            return Optional.of(FileRewrite.ALIASED);
        }
        int length = use.source().length() + 5;
        if (use.offset() < 0 || use.offset() + length > value.value().length()
                || !value.value().startsWith("${{", use.offset())
                || !value.value().startsWith("}}", use.offset() + length - 2)) {
            return Optional.of("the expression's text could not be found in the value");
        }
        Optional<FileRewrite.Additions> envOfStep = rewrite.additions(stepMapping, "env", List.of("run", "with"));
        if (envOfStep.isEmpty()) {
            return Optional.of("the step's env: holds no mapping that an entry can be added to");
        }
        FileRewrite.Additions env = envOfStep.get();
        String name = variable(workflow, job, step, value, expression, env);
        if (name == null) {
            return Optional.of("no environment variable name could be made from '" + expression + "'");
        }
        int start = use.offset();
        int end = start + length;
        String replacement;
        switch (language) {
            case POSIX, POWERSHELL -> {
                ScriptReplacement replaced = language == Language.POSIX
                        ? ScriptReplacement.posix(value.value(), start, end, name)
                        : ScriptReplacement.powershell(value.value(), start, end, name);
                if (replaced.refusal() != null) {
                    return Optional.of(replaced.refusal());
                }
                start = replaced.start();
                end = replaced.end();
                replacement = replaced.text();
            }
            default -> {
                ScriptQuotes.At at = ScriptQuotes.javascript(value.value(), start);
                if (at.context() == ScriptQuotes.Context.TEMPLATE) {
                    replacement = "${process.env." + name + "}";
                } else if ((at.context() == ScriptQuotes.Context.SINGLE || at.context() == ScriptQuotes.Context.DOUBLE)
                        && at.open() == start - 1 && at.close() == end) {
                    // The string holds nothing but the expression: it becomes the variable itself.
                    start = at.open();
                    end = at.close() + 1;
                    replacement = "process.env." + name;
                } else if (at.context() == ScriptQuotes.Context.SINGLE || at.context() == ScriptQuotes.Context.DOUBLE) {
                    return templateLiteral(workflow, job, step, value, at, env);
                } else {
                    return Optional.of(ScriptReplacement.refusal(at.context()));
                }
            }
        }
        Optional<String> refused = rewrite.replace(value, start, end, replacement);
        if (refused.isPresent()) {
            return refused;
        }
        if (!expression.startsWith("env.") && step.env().stream().noneMatch(e -> e.key().equals(name))) {
            env.add(name, "${{ " + expression + " }}");
        }
        return Optional.empty();
    }

    /**
     * A JavaScript string that holds the expression among other text becomes a template literal: every {@code ${{ }}}
     * in it a {@code ${process.env.NAME}}, backticks and {@code ${} escaped. Done once for the string, with all its
     * expressions, which must all be plain context paths: any other left in a template literal would let its value's
     * {@code ${…}} run as code.
     */
    private Optional<String> templateLiteral(Workflow workflow, Job job, Step step, Scalar value, ScriptQuotes.At at,
                                             FileRewrite.Additions env) {
        String literalKey = value.location().route() + "@" + at.open();
        if (!literals.add(literalKey)) {
            return Optional.empty();
        }
        String literal = value.value().substring(at.open() + 1, at.close());
        if (LEGACY_OCTAL.matcher(literal).find()) {
            return Optional.of("the JavaScript string holds an octal escape, which a template literal does not allow");
        }
        for (int i = literal.indexOf("${{"); i >= 0; i = literal.indexOf("${{", i + 3)) {
            int close = literal.indexOf("}}", i + 3);
            String expression = close < 0 ? "" : literal.substring(i + 3, close).strip();
            if (!CONTEXT_PATH.matcher(expression).matches()) {
                literals.remove(literalKey);
                return Optional.of("the expression is part of a longer JavaScript string that also holds '"
                        + expression + "', which a template literal would let run as code; write it by hand");
            }
        }
        StringBuilder out = new StringBuilder("`");
        int i = 0;
        while (i < literal.length()) {
            char c = literal.charAt(i);
            if (literal.startsWith("${{", i)) {
                int close = literal.indexOf("}}", i + 3);
                String expression = literal.substring(i + 3, close).strip();
                String name = variable(workflow, job, step, value, expression, env);
                if (name == null) {
                    literals.remove(literalKey);
                    return Optional.of("no environment variable name could be made from '" + expression + "'");
                }
                if (!expression.startsWith("env.") && step.env().stream().noneMatch(e -> e.key().equals(name))) {
                    env.add(name, "${{ " + expression + " }}");
                }
                out.append("${process.env.").append(name).append('}');
                i = close + 2;
            } else if (c == '\\' && i + 1 < literal.length()) {
                out.append(literal, i, i + 2);
                i += 2;
            } else {
                out.append(c == '`' ? "\\`" : c == '$' && literal.startsWith("${", i) ? "\\$" : String.valueOf(c));
                i++;
            }
        }
        out.append('`');
        Optional<String> refused = rewrite.replace(value, at.open(), at.close() + 1, out.toString());
        if (refused.isPresent()) {
            literals.remove(literalKey);
        }
        return refused;
    }

    /** The programs that are shell scripts, which read the environment's variables themselves. */

    private enum Language { POSIX, POWERSHELL, JAVASCRIPT }

    private Language language(Workflow workflow, Job job, Step step, CodeSinks.CodeValue code) {
        if (!code.where().equals("run")) {
            if (code.where().equals("with.script") && step.uses() != null
                    && "actions/github-script".equalsIgnoreCase(step.uses().repository())) {
                return Language.JAVASCRIPT;
            }
            throw new IllegalStateException("the value is read by " + code.language() + ", for which there is no fix");
        }
        String shell = step.shellIn(workflow, job);
        if (shell == null) {
            if (job == null) {
                throw new IllegalStateException("the step names no shell");
            }
            for (Scalar label : job.runsOn()) {
                if (label != null && label.hasExpressions()) {
                    throw new IllegalStateException("the default shell (bash or PowerShell) depends on a runner the "
                            + "workflow chooses when it runs; name the shell of the step");
                }
            }
            boolean windows = job.runsOn().stream().anyMatch(l -> l != null
                    && l.value().toLowerCase(Locale.ROOT).contains("windows"));
            return windows ? Language.POWERSHELL : Language.POSIX;
        }
        if (shell.contains("{0}") && !shell.strip().startsWith("bash") && !shell.strip().startsWith("sh ")) {
            throw new IllegalStateException("the step runs a custom shell '" + shell + "'");
        }
        String first = shell.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "bash", "sh" -> Language.POSIX;
            case "pwsh", "powershell" -> Language.POWERSHELL;
            default -> throw new IllegalStateException("the step's shell is " + first + ", for which there is no fix");
        };
    }

    /**
     * The variable for an expression in a step: {@code env.X} is X itself; otherwise a name from the path
     * ({@code github.event.pull_request.title} is {@code PULL_REQUEST_TITLE}), one the step already sets to the same
     * expression, or one made unique against the env of the step, job and workflow and the words of the script.
     */
    private static String variable(Workflow workflow, Job job, Step step, Scalar value, String expression,
                                   FileRewrite.Additions env) {
        if (expression.startsWith("env.")) {
            String name = expression.substring(4);
            return ENV_NAME.matcher(name).matches() ? name : null;
        }
        String normalised = "${{" + expression + "}}";
        for (KeyValue entry : step.env()) {
            if (entry.value() != null && SPACES_IN_EXPRESSION.matcher(entry.value().value()).replaceAll("")
                    .equals(normalised) && ENV_NAME.matcher(entry.key()).matches()) {
                return entry.key();
            }
        }
        for (Map.Entry<String, String> planned : env.entries.entrySet()) {
            if (planned.getValue().equals("${{ " + expression + " }}")) {
                return planned.getKey();
            }
        }
        String stem = expression.replaceFirst("^github\\.event\\.", "").replaceFirst("^github\\.", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^[_0-9]+|_+$", "");
        if (stem.isEmpty()) {
            return null;
        }
        if (stem.startsWith("GITHUB_") || stem.startsWith("RUNNER_") || stem.startsWith("ACTIONS_")
                || stem.startsWith("INPUT_")) {
            stem = "VALUE_" + stem;
        }
        Set<String> taken = new java.util.HashSet<>(env.entries.keySet());
        step.env().forEach(e -> taken.add(e.key()));
        if (job != null) {
            job.env().forEach(e -> taken.add(e.key()));
        }
        if (workflow != null) {
            workflow.env().forEach(e -> taken.add(e.key()));
        }
        return ScriptReplacement.uniqueName(stem, taken, value.value());
    }
}
