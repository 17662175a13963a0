package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.RemoteScriptFindings;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.analyze.checks.common.ScriptQuotes;
import dev.cimatrix.model.Scalar;

/**
 * An inline script of an Azure Pipelines step that runs code fetched at run time without checking it
 * ({@code curl … | bash}, {@code iex (iwr …)}, or a download run later in the same script): whoever controls the
 * server or the file runs code in the job with its variables, secrets and access token. Macros ({@code $(name)}) are
 * Azure's, replaced before the shell runs, not command substitutions; in PowerShell, text inside a string or
 * here-string is data.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "azure-remote-script";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        for (AzureScripts script : AzureScripts.of(context.pipeline())) {
            Scalar text = script.step().script();
            String shell = script.shellText();
            for (RemoteScripts.Match match : RemoteScripts.find(shell)) {
                ScriptQuotes.Context quoting = script.powershell()
                        ? ScriptQuotes.powershell(shell, match.start()).context() : ScriptQuotes.Context.UNQUOTED;
                if (quoting != ScriptQuotes.Context.UNQUOTED && quoting != ScriptQuotes.Context.COMMAND) {
                    // Text of a PowerShell string or here-string: a document that shows the command, not one that runs.
                    continue;
                }
                RemoteScriptFindings.report(text, match, script.where(), script.subject(), findings);
            }
        }
    }
}
