package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code scan --fix} on circleci-script-injection. */
class CircleciInjectionFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/circleci-script-injection");
    /** A value that quotes, separates and substitutes its way out of any shell string. */
    private static final String HOSTILE = "a'b\"c; touch pwned1 # $(touch pwned2) `touch pwned3`";

    /**
     * Values in double quotes, single quotes and a parameter become variables set in the step's environment, or
     * CircleCI's own for the branch and tag; a value in eval's program, a step written as one string and a step in
     * fish are left, each with its reason.
     */
    @Test
    void writesEachValueAsAnEnvironmentVariable(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("config.yml"), ".circleci/config.yml", ScriptInjectionCheck.ID);
        assertThat(run.err()).startsWith("Fixed 6 findings in 1 file; 3 left as they are:");
    }

    /**
     * The commands, compiled as CircleCI compiles them (each {@code << value >>} replaced by the value, in the command
     * and in the environment) with a hostile commit subject, branch and tag, then run by bash: before the fix they run
     * its commands; after it they print the value and run none of it.
     */
    @Test
    void fixedCommandsTreatAHostileValueAsText(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        Path file = root.resolve("repo/.circleci/config.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                version: 2.1
                jobs:
                  build:
                    docker: [{image: cimg/base:current}]
                    steps:
                      - run:
                          command: |
                            echo "subject: << pipeline.git.commit.subject >>"
                            echo 'tag: << pipeline.git.tag >>' << pipeline.git.branch >>
                workflows:
                  main:
                    jobs: [build]
                """);
        Path before = Files.createDirectories(root.resolve("before"));
        runCompiled(steps(root.resolve("repo")), before);
        try (var files = Files.list(before)) {
            assertThat(files).as("the commands as CircleCI compiles them before the fix run the value's commands")
                    .isNotEmpty();
        }
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", "--fail-on", "none", root.resolve("repo").toString());
        assertThat(run.err()).startsWith("Fixed 3 findings in 1 file");
        Path after = Files.createDirectories(root.resolve("after"));
        String out = runCompiled(steps(root.resolve("repo")), after);
        try (var files = Files.list(after)) {
            assertThat(files).isEmpty();
        }
        assertThat(out).contains("subject: " + HOSTILE, "tag: " + HOSTILE);
    }

    private static List<CircleciConfig.Run> steps(Path repo) throws Exception {
        return new Discovery().discover(repo, List.of(repo), null).circleci().get(0).units().get(0).runs();
    }

    /** Runs each command in {@code work} as CircleCI would with the hostile value; gives what they print. */
    private static String runCompiled(List<CircleciConfig.Run> runs, Path work) throws Exception {
        StringBuilder out = new StringBuilder();
        for (CircleciConfig.Run step : runs) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-o", "pipefail", "-c", compiled(step.command().value()))
                    .directory(work.toFile()).redirectErrorStream(true);
            Map<String, String> env = bash.environment();
            env.put("CIRCLE_BRANCH", HOSTILE);
            env.put("CIRCLE_TAG", HOSTILE);
            step.environment().forEach(e -> env.put(e.key(), compiled(e.value().value())));
            Process process = bash.start();
            out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        return out.toString();
    }

    private static String compiled(String text) {
        StringBuilder out = new StringBuilder(text);
        List<ScriptInjectionCheck.Use> uses = ScriptInjectionCheck.uses(text);
        for (int i = uses.size() - 1; i >= 0; i--) {
            out.replace(uses.get(i).start(), uses.get(i).end(), HOSTILE);
        }
        return out.toString();
    }

    /** A configuration with Windows executors runs run steps in PowerShell: left, with the reason. */
    @Test
    void leavesAConfigurationThatRunsOnWindows(@TempDir Path root) throws Exception {
        Path file = root.resolve(".circleci/config.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                version: 2.1
                orbs:
                  win: circleci/windows@5.0.0
                jobs:
                  build:
                    executor: win/default
                    steps:
                      - run: echo "<< pipeline.git.branch >>"
                workflows:
                  main:
                    jobs: [build]
                """);
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.err()).contains("runs jobs on Windows");
        assertThat(Files.readString(file)).contains("<< pipeline.git.branch >>");
    }
}
