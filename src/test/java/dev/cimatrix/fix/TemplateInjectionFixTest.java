package dev.cimatrix.fix;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.cli.ExitCode;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code scan --fix} and {@code --fix-diff} on gha-template-injection: files rewritten, read again, and run. */
class TemplateInjectionFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/gha-template-injection");
    /** A pull request title that runs commands wherever it is pasted into code. */
    private static final String HOSTILE = "a'b\"c; touch pwned1; $(touch pwned2) `touch pwned3` ${HOME} \\n end";

    private static Path workflow(Path root, String fixture) throws IOException {
        Path file = Files.createDirectories(root.resolve(".github/workflows")).resolve(fixture);
        Files.copy(FIXTURES.resolve(fixture), file);
        return file;
    }

    static Inventory read(Path root) throws Exception {
        return new Discovery().discover(root, List.of(root), null);
    }

    static List<Finding> findings(Inventory inventory) {
        ScanConfig config = ScanConfig.defaults();
        AnalysisResult result = new Analyzer(Catalog.builtin(), CheckRegistry.all(config), config, Profile.AUDITOR, Set.of())
                .analyze(inventory);
        return result.findings();
    }

    static Set<Integer> lines(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.checkId().equals(check))
                .map(f -> f.location().startLine()).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every fixable expression of the fixture is fixed as its fixed copy shows; the ones left are exactly those
     * marked {@code # unfixed:}, each with a reason that holds the marker's words.
     */
    @Test
    void fixesTheFixtureAsItsFixedCopyShowsAndSaysWhyTheRestIsLeft(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("shell.yml"), ".github/workflows/shell.yml",
                TemplateInjectionCheck.ID);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("Fixed 23 findings in 1 file; 11 left as they are:");
    }

    /** --fix-diff shows the change as a unified diff and leaves the file alone; --fix then makes that change. */
    @Test
    void theDiffShowsWhatTheFixWrites(@TempDir Path root) throws Exception {
        Path file = workflow(root, "shell.yml");
        String before = Files.readString(file);
        CliRun diff = CliRun.of("scan", "--profile", "auditor", "--fix-diff", root.toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(diff.err()).startsWith("Would fix 23 findings in 1 file");
        assertThat(diff.out()).startsWith("diff --git a/.github/workflows/shell.yml b/.github/workflows/shell.yml\n"
                + "--- a/.github/workflows/shell.yml\n+++ b/.github/workflows/shell.yml\n@@ ");

        // Applying the diff's lines to the old text gives the fixed text.
        String after = Files.readString(FIXTURES.resolve("shell.fixed.yml"));
        List<String> removed = diff.out().lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))
                .map(l -> l.substring(1)).toList();
        List<String> added = diff.out().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++"))
                .map(l -> l.substring(1)).toList();
        assertThat(removed).allMatch(before.lines().toList()::contains).noneMatch(after.lines().toList()::contains);
        assertThat(added).allMatch(after.lines().toList()::contains);
        assertThat(after.lines().count() - before.lines().count()).isEqualTo(added.size() - removed.size());
    }

    /**
     * The diff is a patch git applies (JGit's implementation, here), giving what --fix writes: also for a file whose
     * last line has no line break.
     */
    @Test
    void gitAppliesTheDiff(@TempDir Path root) throws Exception {
        Path viaDiff = Files.createDirectories(root.resolve("diff"));
        Path viaFix = Files.createDirectories(root.resolve("fix"));
        for (Path tree : List.of(viaDiff, viaFix)) {
            workflow(tree, "shell.yml");
            workflow(tree, "runs.yml");
            Files.writeString(tree.resolve(".github/workflows/last-line.yml"), "on: pull_request_target\njobs:\n  a:\n"
                    + "    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.head_ref }}\"");
        }
        CliRun diff = CliRun.of("scan", "--profile", "auditor", "--fix-diff", viaDiff.toString());
        assertThat(diff.out()).contains("\\ No newline at end of file");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(viaDiff.toFile()).call()) {
            git.apply().setPatch(new java.io.ByteArrayInputStream(diff.out().getBytes(StandardCharsets.UTF_8))).call();
        }
        CliRun.of("scan", "--profile", "auditor", "--fix", viaFix.toString());
        for (String name : List.of("shell.yml", "runs.yml", "last-line.yml")) {
            String fixed = Files.readString(viaFix.resolve(".github/workflows/" + name));
            assertThat(Files.readString(viaDiff.resolve(".github/workflows/" + name))).as(name).isEqualTo(fixed);
        }
        assertThat(Files.readString(viaFix.resolve(".github/workflows/last-line.yml")))
                .endsWith("      - run: echo \"${HEAD_REF}\"\n        env:\n          HEAD_REF: ${{ github.head_ref }}\n");
    }

    /**
     * The fixed scripts, run by bash and node with a hostile title in their environment, print the title as text
     * and run none of its commands; the scripts as GitHub would have run them before the fix did run them.
     */
    @Test
    void fixedScriptsTreatAHostileValueAsText(@TempDir Path root) throws Exception {
        Path file = workflow(root, "runs.yml");
        List<Step> before = read(root).workflows().get(0).jobs().get(0).steps();
        Path original = Files.createDirectories(root.resolve("original"));
        run("bash", List.of("-c", before.get(0).run().value().replace("${{ github.event.pull_request.title }}",
                "x; touch pwned1 #")), Map.of(), original);
        assertThat(original.resolve("pwned1")).as("the unfixed script runs the title's commands").exists();

        CliRun fix = CliRun.of("scan", "--fix", "--fail-on", "none", root.toString());
        assertThat(fix.err()).as(fix.out()).startsWith("Fixed 11 findings in 1 file.");
        assertThat(Files.readString(file).lines().filter(l -> l.contains("${{ github.event.pull_request.title }}")))
                .as("the expression is left only in the steps' env").hasSize(2)
                .allMatch(l -> l.strip().equals("PULL_REQUEST_TITLE: ${{ github.event.pull_request.title }}"));
        List<Step> steps = read(root).workflows().get(0).jobs().get(0).steps();

        Path shell = Files.createDirectories(root.resolve("shell"));
        String printed = run("bash", List.of("-c", steps.get(0).run().value()), environment(steps.get(0)), shell);
        try (Stream<Path> made = Files.list(shell)) {
            assertThat(made).as("files the title's commands would make").isEmpty();
        }
        // Unquoted, the value is split into words and echo joins them with one space, as it was when pasted.
        assertThat(printed.lines().toList()).containsExactly(HOSTILE, HOSTILE, HOSTILE, "in " + HOSTILE + " single",
                HOSTILE, HOSTILE, HOSTILE);

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed");
        Path script = Files.createDirectories(root.resolve("script"));
        String program = steps.get(1).with().stream().filter(w -> w.key().equals("script")).findFirst().orElseThrow()
                .value().value();
        String logged = run("/usr/bin/node", List.of("-e", "(async () => {\n" + program + "\n})()"),
                environment(steps.get(1)), script);
        assertThat(logged.lines().toList()).containsExactly(HOSTILE, HOSTILE, "true", "[" + HOSTILE + "]");
        try (Stream<Path> made = Files.list(script)) {
            assertThat(made).isEmpty();
        }
    }

    /** The step's env as the runner would set it for a pull request titled {@link #HOSTILE}. */
    private static Map<String, String> environment(Step step) {
        Map<String, String> env = new HashMap<>();
        for (KeyValue entry : step.env()) {
            assertThat(entry.value().value()).isEqualTo("${{ github.event.pull_request.title }}");
            env.put(entry.key(), HOSTILE);
        }
        assertThat(env).isNotEmpty();
        return env;
    }

    private static String run(String program, List<String> args, Map<String, String> env, Path folder) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** A composite action's input in a script, in a file with a byte-order mark and CR LF line breaks. */
    @Test
    void fixesACompositeActionAndKeepsTheFilesBytes(@TempDir Path root) throws Exception {
        String action = String.join("\r\n",
                "name: greet",
                "inputs:",
                "  who:",
                "    description: whom to greet",
                "runs:",
                "  using: composite",
                "  steps:",
                "    - shell: bash",
                "      run: echo \"hello ${{ inputs.who }}\"",
                "");
        Path file = root.resolve("action.yml");
        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, action.getBytes(StandardCharsets.UTF_8)));
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", "--fail-on", "none", root.toString());
        assertThat(run.err()).startsWith("Fixed 1 finding in 1 file.");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(action.replace("      run: echo \"hello ${{ inputs.who }}\"",
                "      env:\r\n        INPUTS_WHO: ${{ inputs.who }}\r\n      run: echo \"hello ${INPUTS_WHO}\""));
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void refusesStandardInputAndBothModesAtOnce(@TempDir Path root) throws Exception {
        workflow(root, "runs.yml");
        CliRun both = CliRun.of("scan", "--fix", "--fix-diff", root.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--fix and --fix-diff exclude each other");
        CliRun stdin = CliRun.of("scan", "--fix", "-");
        assertThat(stdin.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(stdin.err()).contains("standard input cannot be fixed");
        Path clean = Files.createDirectories(root.resolve("clean/.github/workflows"));
        Files.writeString(clean.resolve("ci.yml"), "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: echo \"${{ github.sha }}\"\n");
        CliRun nothing = CliRun.of("scan", "--fix", root.resolve("clean").toString());
        assertThat(nothing.err()).startsWith("Nothing to fix");
        assertThat(nothing.exitCode()).isEqualTo(ExitCode.OK);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(source)) {
                    Files.copy(source, target);
                }
            }
        }
    }
}
