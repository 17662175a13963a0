package dev.cimatrix.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a shell completion script for bash and zsh.", ""},
        footer = {"", "Install for the current shell:",
                "  source <(cimatrix completion)",
                "or for every session (bash):",
                "  cimatrix completion > ~/.local/share/bash-completion/completions/cimatrix",
                "zsh: run `autoload -U +X bashcompinit && bashcompinit` first."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("cimatrix", spec.root().commandLine());
        Output.write(script, null, spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
