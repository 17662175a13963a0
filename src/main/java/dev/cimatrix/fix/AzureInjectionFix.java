package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzureStep;
import dev.cimatrix.model.KeyValue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fix of {@code azure-script-injection} in one file: each {@code $(Variable.Name)} or
 * {@code ${{ variables['Variable.Name'] }}} written into a script becomes a reference to the environment variable
 * Azure Pipelines gives every step for every variable that is not secret ({@code BUILD_SOURCEVERSIONMESSAGE}: upper
 * case, dots made underscores), written for the place it stands: {@code ${NAME}} in bash, {@code ${env:NAME}} in
 * PowerShell. The value then reaches the script as data. A {@code script} step, which runs in bash on Linux and macOS
 * and in cmd on Windows, is fixed only where the job's {@code vmImage} says which; cmd and Python scripts, and values
 * where the quoting is not certain, are left, each with the reason.
 */
final class AzureInjectionFix {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private final FileRewrite rewrite;
    /** How many values of each script (by route) were planned. */
    private final java.util.Map<String, Integer> perScript = new java.util.HashMap<>();

    AzureInjectionFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    /**
     * Plans the fix of one use of a variable in the script of a step, or says why it has none. A template's parameter
     * ({@code parameters} set) becomes a variable that the step's {@code env} sets to the parameter's expression: a
     * macro the expression puts there is replaced in {@code env} too, as data.
     */
    Optional<String> add(AzureJob job, AzureStep step, ScriptInjectionCheck.Use use, boolean parameter) {
        String name = use.name().toUpperCase(Locale.ROOT).replace('.', '_').replace(' ', '_').replace('-', '_');
        if (!ENV_NAME.matcher(name).matches()) {
            return Optional.of("the " + (parameter ? "parameter" : "variable") + "'s name '" + use.name()
                    + "' makes no environment variable name");
        }
        FileRewrite.Additions env = null;
        if (parameter) {
            YamlMapping stepMapping = rewrite.mapping(step.location().route());
            if (stepMapping == null) {
                return Optional.of(FileRewrite.ALIASED);
            }
            Optional<FileRewrite.Additions> additions = rewrite.additions(stepMapping, "env", List.of());
            if (additions.isEmpty()) {
                return Optional.of("the step's env: holds no mapping that an entry can be added to");
            }
            env = additions.get();
            name = parameterVariable(step, use, name, env);
        }
        // The quoting is read from the script's start for each value: bounded, as for GitHub's expressions.
        if (perScript.merge(step.script().location().route(), 1, Integer::sum) > TemplateInjectionFix.MAX_PER_SCRIPT) {
            return Optional.of("the script holds more than " + TemplateInjectionFix.MAX_PER_SCRIPT + " values to "
                    + "move; fix it by hand");
        }
        String shell = shell(job, step);
        String script = step.script().value();
        ScriptReplacement replaced = switch (shell) {
            case "bash" -> ScriptReplacement.posix(script, use.start(), use.end(), name);
            case "pwsh", "powershell" -> ScriptReplacement.powershell(script, use.start(), use.end(), name);
            case "script" -> new ScriptReplacement(-1, -1, null, "a script step runs in cmd on Windows agents and in "
                    + "bash elsewhere, and the job's pool does not say which; write it as a bash or pwsh step, or "
                    + "read %" + name + "% in cmd, by hand");
            default -> new ScriptReplacement(-1, -1, null, "the script runs in " + shell + ", which this fix does not "
                    + "write; read the environment variable " + name + " there by hand");
        };
        if (replaced.refusal() != null) {
            return Optional.of(replaced.refusal());
        }
        Optional<String> refused = rewrite.replace(step.script(), replaced.start(), replaced.end(), replaced.text());
        if (refused.isEmpty() && env != null) {
            String variable = name;
            if (step.env().stream().noneMatch(e -> e.key().equals(variable))) {
                env.add(name, use.written());
            }
        }
        return refused;
    }

    /**
     * The variable for a parameter in a step: one the step's env already sets to the same expression, one planned for
     * it, or its name in upper case, unique against the step's env and the words of the script.
     */
    private static String parameterVariable(AzureStep step, ScriptInjectionCheck.Use use, String stem,
                                            FileRewrite.Additions env) {
        for (KeyValue entry : step.env()) {
            if (entry.value().value().strip().equals(use.written())) {
                return entry.key();
            }
        }
        for (var planned : env.entries.entrySet()) {
            if (planned.getValue().equals(use.written())) {
                return planned.getKey();
            }
        }
        java.util.Set<String> taken = new java.util.HashSet<>(env.entries.keySet());
        step.env().forEach(e -> taken.add(e.key()));
        return ScriptReplacement.uniqueName(stem, taken, step.script().value());
    }

    /** The step's shell, with a {@code script} step's read from the job's {@code vmImage} when it names the system. */
    private static String shell(AzureJob job, AzureStep step) {
        if (!step.shell().equals("script") || job.pool() == null || job.pool().vmImage() == null) {
            return step.shell();
        }
        String image = job.pool().vmImage().value().toLowerCase(Locale.ROOT);
        return image.contains("ubuntu") || image.contains("macos") ? "bash" : "script";
    }
}
