package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.azure.ScriptInjectionCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --fix} on azure-script-injection. */
class AzureInjectionFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/azure-script-injection");

    /**
     * Macros and template expressions in bash, in a script step on an Ubuntu image, in PowerShell and in a task's
     * inline script become environment variables; a value inside eval's program, one in PowerShell's single quotes and
     * one in a Python script are left, each with its reason.
     */
    @Test
    void writesTheEnvironmentVariableOfEachValue(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("azure-pipelines.yml"), "azure-pipelines.yml",
                ScriptInjectionCheck.ID);
        assertThat(run.err()).startsWith("Fixed 6 findings in 1 file; 3 left as they are:");
    }

    /**
     * A template's parameter that a pipeline sets from the commit message becomes a variable that the step's env sets
     * to the parameter's expression, where Azure Pipelines replaces the macro as data.
     */
    @Test
    void movesATemplateParameterIntoTheStepsEnv(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("azure-pipelines.yml"), """
                pool:
                  vmImage: ubuntu-latest
                steps:
                  - template: notify.yml
                    parameters:
                      message: $(Build.SourceVersionMessage)
                """);
        Files.writeString(root.resolve("notify.yml"), """
                parameters:
                  - name: message
                    type: string
                steps:
                  - bash: |
                      ./notify "${{ parameters.message }}" '${{ parameters.message }}'
                    env:
                      CHANNEL: builds
                """);
        CliRun run = CliRun.of("scan", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.err()).startsWith("Fixed 2 findings in 1 file");
        assertThat(Files.readString(root.resolve("notify.yml"))).isEqualTo("""
                parameters:
                  - name: message
                    type: string
                steps:
                  - bash: |
                      ./notify "${MESSAGE}" "${MESSAGE}"
                    env:
                      CHANNEL: builds
                      MESSAGE: ${{ parameters.message }}
                """);
        assertThat(CliRun.of("scan", "--fail-on", "none", "--format", "json", root.toString()).out())
                .doesNotContain("\"check\" : \"" + ScriptInjectionCheck.ID + "\"");
    }

    /** A script step on a pool that does not say its system may run in cmd: left, with the reason. */
    @Test
    void leavesAScriptStepWhoseShellIsNotKnown(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("azure-pipelines.yml"), """
                pool: build-agents
                steps:
                  - script: echo "$(Build.SourceVersionMessage)"
                """);
        CliRun run = CliRun.of("scan", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.err()).contains("runs in cmd on Windows agents and in bash elsewhere");
        assertThat(Files.readString(root.resolve("azure-pipelines.yml"))).contains("$(Build.SourceVersionMessage)");
    }
}
