package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzureStep;

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

    /** Plans the fix of one use of a variable in the script of a step, or says why it has none. */
    Optional<String> add(AzureJob job, AzureStep step, ScriptInjectionCheck.Use use) {
        String name = use.name().toUpperCase(Locale.ROOT).replace('.', '_').replace(' ', '_');
        if (!ENV_NAME.matcher(name).matches()) {
            return Optional.of("the variable's name '" + use.name() + "' makes no environment variable name");
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
        return rewrite.replace(step.script(), replaced.start(), replaced.end(), replaced.text());
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
