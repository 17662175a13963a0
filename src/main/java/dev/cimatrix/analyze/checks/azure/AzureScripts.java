package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;

import java.util.ArrayList;
import java.util.List;

/** The inline scripts of an Azure Pipelines file, each with its step and job, for the checks that read scripts. */
record AzureScripts(AzureJob job, AzureStep step) {

    /** Every step of the file that runs an inline script, in file order. */
    static List<AzureScripts> of(AzurePipeline pipeline) {
        List<AzureScripts> out = new ArrayList<>();
        for (AzureJob job : pipeline.jobs()) {
            for (AzureStep step : job.steps()) {
                if (step.script() != null && !step.script().value().isBlank()) {
                    out.add(new AzureScripts(job, step));
                }
            }
        }
        return out;
    }

    /** {@code $(name)}: a macro Azure Pipelines replaces before the script runs. */
    static final java.util.regex.Pattern MACRO = java.util.regex.Pattern.compile(
            "\\$\\(([A-Za-z_][A-Za-z0-9_.\\-]*)\\)");

    /**
     * The script as its shell reads it, as far as offsets go: each macro ({@code $(curl-url)}) replaced by a word of
     * the same length, so that it is not taken for a command substitution, and offsets still point into the text.
     */
    String shellText() {
        String text = step.script().value();
        if (text.indexOf("$(") < 0) {
            return text;
        }
        java.util.regex.Matcher m = MACRO.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, 'M');
            }
        }
        return out.toString();
    }

    /** Whether the script runs in PowerShell. */
    boolean powershell() {
        return step.shell().equals("pwsh") || step.shell().equals("powershell");
    }

    /** "the script of step 'Build' in job 'compile'". */
    String where() {
        return "the script of " + step.label() + " in " + job.label();
    }

    /** What a finding's fingerprint names for the step: its job and display name or keyword. */
    String subject() {
        return job.name() + " " + (step.displayName() != null ? step.displayName().strip() : step.kind().name());
    }
}
