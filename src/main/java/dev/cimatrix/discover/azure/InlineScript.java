package dev.cimatrix.discover.azure;

import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inline script of a script task ({@code Bash@3}, {@code CmdLine@2}, {@code PowerShell@2}, {@code AzureCLI@2},
 * {@code AzurePowerShell@5}, {@code PythonScript@0}) and the interpreter that runs it. A task whose inputs choose a
 * script file has none; where the choice is left to its default, the default of that task applies.
 *
 * @param shell as in {@link dev.cimatrix.model.AzureStep#shell()}
 */
record InlineScript(Scalar script, String shell) {

    /** The inline script of a task with these inputs; null when it runs a file, or is not a script task. */
    static InlineScript of(String task, List<KeyValue> inputs) {
        String name = task.strip();
        int at = name.indexOf('@');
        name = (at >= 0 ? name.substring(0, at) : name).strip().toLowerCase(Locale.ROOT);
        // The marketplace form "Publisher.Extension.Task" is not one of these built-in tasks.
        return switch (name) {
            case "bash" -> inline(inputs, "targetType", "filePath", "inline", "script", "bash");
            case "cmdline" -> input(inputs, "script").map(s -> new InlineScript(s, "script")).orElse(null);
            case "powershell" -> inline(inputs, "targetType", "filePath", "inline", "script",
                    input(inputs, "pwsh").map(p -> p.value().strip().equalsIgnoreCase("true")).orElse(false)
                            ? "pwsh" : "powershell");
            case "azurecli" -> inline(inputs, "scriptLocation", "scriptPath", "inlineScript", "inlineScript",
                    azureCliShell(inputs));
            case "azurepowershell" -> inline(inputs, "ScriptType", "FilePath", "InlineScript", "Inline", "pwsh");
            case "pythonscript" -> inline(inputs, "scriptSource", "filePath", "inline", "script", "python");
            default -> null;
        };
    }

    /** The script input when the chooser input (or its default) says the script is inline. */
    private static InlineScript inline(List<KeyValue> inputs, String chooser, String byDefault, String inlineChoice,
                                       String scriptInput, String shell) {
        String choice = input(inputs, chooser).map(c -> c.value().strip()).orElse(byDefault);
        if (!choice.equalsIgnoreCase(inlineChoice) && !choice.contains("$")) {
            return null;
        }
        return input(inputs, scriptInput).filter(s -> !s.value().isBlank()).map(s -> new InlineScript(s, shell))
                .orElse(null);
    }

    private static String azureCliShell(List<KeyValue> inputs) {
        String type = input(inputs, "scriptType").map(t -> t.value().strip().toLowerCase(Locale.ROOT)).orElse("bash");
        return switch (type) {
            case "ps" -> "powershell";
            case "pscore" -> "pwsh";
            case "batch" -> "cmd";
            default -> "bash";
        };
    }

    private static Optional<Scalar> input(List<KeyValue> inputs, String key) {
        return inputs.stream().filter(i -> i.key().equalsIgnoreCase(key)).map(KeyValue::value).findFirst();
    }
}
