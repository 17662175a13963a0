package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.jenkins.ScriptInjectionCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code scan --fix} on jenkins-script-injection and jenkins-secret-interpolation. */
class JenkinsInjectionFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/jenkins-script-injection");

    /**
     * Double-quoted sh and PowerShell scripts become single-quoted ones that read each value from the environment,
     * written for the quoting it stands in, with Groovy's escapes kept and single quotes escaped; a bat script, a
     * concatenation, a value of a Groovy variable and one inside the program of bash -c are left, each with its reason.
     */
    @Test
    void writesEachScriptSingleQuotedWithTheEnvironmentVariables(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("pipeline.groovy"), "Jenkinsfile", ScriptInjectionCheck.ID);
        assertThat(run.err()).startsWith("Fixed 9 findings in 1 file; 4 left as they are:");
    }

    /** A fix that would leave the file unreadable is not made: a script whose text ends with a single quote. */
    @Test
    void leavesATripleQuotedScriptEndingWithASingleQuote(@TempDir Path root) throws Exception {
        String text = "node {\n  sh \"\"\"echo ${env.CHANGE_TITLE} it's'\"\"\"\n}\n";
        Files.writeString(root.resolve("Jenkinsfile"), text);
        CliRun run = CliRun.of("scan", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.err()).contains("ends with a single quote");
        assertThat(Files.readString(root.resolve("Jenkinsfile"))).isEqualTo(text);
    }

    /** A pull request title that quotes, separates, substitutes and comments its way out of any shell string. */
    private static final String HOSTILE = "a'b\"c; touch pwned1 # $(touch pwned2) `touch pwned3`";

    /**
     * The fixed scripts, run by bash with the hostile title in their environment as Jenkins sets it, print the title
     * as text and run none of its commands; the same scripts as Groovy would have filled them in before the fix did
     * run them.
     */
    @Test
    void fixedScriptsTreatAHostileTitleAsText(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        String before = """
                node {
                    sh "echo ${env.CHANGE_TITLE}"
                    sh "echo \\"${env.CHANGE_TITLE}\\""
                    sh "echo 'title: ${CHANGE_TITLE}' done"
                    sh \"\"\"
                        printf '%s\\n' "\\$CHANGE_TITLE"
                        echo "${env.CHANGE_TITLE}"
                    \"\"\"
                    sh "eval 'echo ${env.CHANGE_TITLE}'"
                }
                """;
        Files.writeString(root.resolve("Jenkinsfile"), before);
        List<ShellStep> original = steps(root);
        Path unfixed = Files.createDirectories(root.resolve("unfixed"));
        run(groovy(original.get(0).script().value()).replace("${env.CHANGE_TITLE}", "x; touch pwned1 #"), unfixed);
        assertThat(unfixed.resolve("pwned1")).as("the script as Groovy filled it in runs the title's commands").exists();

        CliRun fix = CliRun.of("scan", "--fix", "--fail-on", "none", root.toString());
        assertThat(fix.err()).as(fix.out()).startsWith("Fixed 5 findings in 1 file.");
        List<ShellStep> fixed = steps(root);
        assertThat(fixed).hasSize(original.size()).allMatch(s -> s.interpolations().isEmpty());
        Path folder = Files.createDirectories(root.resolve("fixed"));
        List<String> printed = new ArrayList<>();
        for (ShellStep step : fixed) {
            printed.addAll(run(groovy(step.script().value()), folder).lines().toList());
        }
        try (Stream<Path> made = Files.list(folder)) {
            assertThat(made).as("files the title's commands would make").isEmpty();
        }
        // Unquoted, the title is split into words and echo joins them with one space, as it was when filled in.
        assertThat(printed).containsExactly(HOSTILE, HOSTILE, "title: " + HOSTILE + " done", HOSTILE, HOSTILE, HOSTILE);
    }

    /** The ShellSteps of the folder's Jenkinsfile. */
    private static List<ShellStep> steps(Path root) throws Exception {
        Inventory inventory = new Discovery().discover(root, List.of(root.resolve("Jenkinsfile")), null);
        assertThat(inventory.problems()).isEmpty();
        return inventory.jenkins().get(0).steps();
    }

    /** The text of a Groovy string as written, its escapes resolved, as the step's shell reads it. */
    private static String groovy(String written) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\' && i + 1 < written.length()) {
                char next = written.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Runs a script in bash in {@code folder} with the hostile title as CHANGE_TITLE, as Jenkins sets it. */
    private static String run(String script, Path folder) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", script).directory(folder.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHANGE_TITLE", HOSTILE);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
