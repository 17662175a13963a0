package dev.cimatrix.model;

import java.util.List;

/**
 * A step of an Azure Pipelines job as written.
 *
 * @param kind        which keyword starts it
 * @param name        the keyword's value for a {@code task} ({@code Bash@3}), {@code checkout} ({@code self},
 *                    {@code none} or an alias) or {@code template}; the script for the script steps
 * @param script      the inline script it runs: the value of {@code script}, {@code bash}, {@code pwsh} or
 *                    {@code powershell}, or the inline script input of a script task ({@code Bash@3},
 *                    {@code PowerShell@2}, {@code AzureCLI@2}, …); null when it runs none
 * @param shell       the interpreter of {@code script}: {@code bash}, {@code pwsh}, {@code powershell}, {@code python},
 *                    {@code cmd}, or {@code script} for the step that runs in bash on Linux and macOS and in cmd on
 *                    Windows; null when there is no script
 * @param inputs      a task's {@code inputs}, and a checkout's settings
 * @param env         {@code env}
 * @param displayName {@code displayName}; null when absent
 */
public record AzureStep(Kind kind, Location location, Scalar name, Scalar script, String shell, List<KeyValue> inputs,
                        List<KeyValue> env, String displayName) {
    public AzureStep {
        inputs = List.copyOf(inputs);
        env = List.copyOf(env);
    }

    /** The input of that name (case-insensitive, as task inputs are), if any. */
    public java.util.Optional<KeyValue> input(String key) {
        return inputs.stream().filter(i -> i.key().equalsIgnoreCase(key)).findFirst();
    }

    /** The keyword a step starts with. */
    public enum Kind {
        SCRIPT, BASH, PWSH, POWERSHELL, TASK, CHECKOUT, TEMPLATE, OTHER
    }

    /** A name for messages: "step 'Build'" or "the bash step at line 12". */
    public String label() {
        if (displayName != null && !displayName.isBlank()) {
            return "step '" + displayName.strip() + "'";
        }
        return switch (kind) {
            case TASK -> "task " + name.value().strip();
            case CHECKOUT -> "checkout of " + name.value().strip();
            default -> "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " step at line " + location.startLine();
        };
    }
}
