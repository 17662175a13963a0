package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken files in one scan: each ends in a clear error for that file (path, line, reason),
 * the scan finishes quickly, and the findings of the good file still come out.
 */
class BadInputScanTest {
    private static final String GOOD = """
            on: pull_request_target
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.pull_request.title }}"
            """;

    private static void write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(".github/workflows").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** A scan in this format that must end, with exit code 0, within {@code limitMillis}. */
    private static CliRun scanWithin(long limitMillis, String format, String... targets) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--format", format, "--fail-on", "none"));
        args.addAll(List.of(targets));
        long started = System.nanoTime();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(millis).as("whole scan time").isLessThan(limitMillis);
        return run;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBadFileIsAnErrorAndTheGoodFileIsStillScanned(@TempDir Path root) throws IOException {
        write(root, "good.yml", utf8(GOOD));
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }
        bomb.append("on: push\njobs:\n  x:\n    runs-on: *j\n    steps: [{run: ls}]\n");
        write(root, "billion-laughs.yml", utf8(bomb.toString()));
        byte[] huge = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '#');
        write(root, "huge.yml", huge);
        write(root, "binary.yml", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0});
        write(root, "invalid-utf8.yml", new byte[] {'o', 'n', ':', ' ', 'p', 'u', 's', 'h', '\n', 'x', ':', ' ', (byte) 0xc3, (byte) 0x28, '\n'});
        write(root, "deep.yml", utf8("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));

        CliRun run = scanWithin(10_000, "sarif", root.toString());
        JsonNode sarif = Json.mapper().readTree(run.out()).get("runs").get(0);
        assertThat(sarif.get("artifacts")).hasSize(6);
        Map<String, String> errors = new HashMap<>();
        for (JsonNode n : sarif.get("invocations").get(0).get("toolExecutionNotifications")) {
            JsonNode location = n.get("locations").get(0).get("physicalLocation");
            String uri = location.get("artifactLocation").get("uri").asString();
            assertThat(location.get("region").get("startLine").asInt()).as(uri).isPositive();
            errors.put(uri.substring(uri.lastIndexOf('/') + 1), n.get("message").get("text").asString());
        }
        assertThat(errors).containsOnlyKeys("billion-laughs.yml", "huge.yml", "binary.yml", "invalid-utf8.yml", "deep.yml");
        assertThat(errors.get("huge.yml")).contains("MiB");
        assertThat(errors.get("binary.yml")).containsIgnoringCase("text");
        assertThat(errors.get("invalid-utf8.yml")).containsIgnoringCase("utf-8");
        assertThat(errors.get("deep.yml")).containsIgnoringCase("nesting");
        assertThat(errors.get("billion-laughs.yml")).containsIgnoringCase("alias");
        assertThat(sarif.get("results").valueStream().map(r -> r.get("ruleId").asString()).toList())
                .contains("gha-template-injection");
    }

    /**
     * Files named on the command line that are not regular files: a FIFO would wait for a writer for ever and
     * a device may never end. Each is an error of its own and the good file is still scanned.
     */
    @Test
    void namedFifosAndDevicesAreErrorsNotWaitsOrCrashes(@TempDir Path root) throws IOException, InterruptedException {
        Path good = root.resolve("good.yml");
        Files.writeString(good, GOOD);
        Path fifo = root.resolve("fifo.yml");
        Path fifoModule = root.resolve("main.tf");
        for (Path f : List.of(fifo, fifoModule)) {
            Process mkfifo = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        }
        Path device = Files.createSymbolicLink(root.resolve("zero.yml"), Path.of("/dev/zero"));

        CliRun run = scanWithin(10_000, "json", good.toString(), fifo.toString(),
                fifoModule.toString(), device.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("problems").valueStream().map(p -> p.get("location").get("path").asString()
                        .replaceAll(".*/", "") + ": " + p.get("message").asString()).toList())
                .containsExactlyInAnyOrder("fifo.yml: not a regular file (a device, FIFO or socket), so not read",
                        "main.tf: not a regular file (a device, FIFO or socket), so not read",
                        "zero.yml: not a regular file (a device, FIFO or socket), so not read");
        assertThat(report.get("findings").valueStream().map(r -> r.get("check").asString()).toList())
                .contains("gha-template-injection");
        Files.delete(device);
    }

    /**
     * In a folder, a definition file that is a link is read when it leads to a regular file inside the folder, as
     * Terraform and the runner follow it, with findings at the link's own path; GitHub does not run a workflow file
     * that is a link, so that is not read. Links out of the folder, dangling links and FIFOs at a definition's path
     * are told as warnings rather than passed over in silence, and none holds the scan up.
     */
    @Test
    void linksAndSpecialFilesInAFolderAreFollowedOrToldNeverWaitedOn(@TempDir Path base)
            throws IOException, InterruptedException {
        Path root = Files.createDirectories(base.resolve("repo"));
        String action = "name: a\nruns:\n  using: composite\n  steps:\n"
                + "    - run: echo ${{ github.event.issue.title }}\n      shell: bash\n";
        Files.createDirectories(root.resolve("shared"));
        Files.writeString(root.resolve("shared/action.yml"), action);
        write(root, "ci.yml", utf8(GOOD));
        Files.createDirectories(root.resolve("actions/linked"));
        Files.createSymbolicLink(root.resolve("actions/linked/action.yml"), Path.of("../../shared/action.yml"));
        Files.createSymbolicLink(root.resolve(".github/workflows/linked.yml"), Path.of("ci.yml"));
        Files.writeString(base.resolve("outside.tf"), "resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n}\n");
        Files.createDirectories(root.resolve("infra"));
        Files.createSymbolicLink(root.resolve("infra/outside.tf"), base.resolve("outside.tf"));
        Files.createSymbolicLink(root.resolve("infra/gone.tf"), Path.of("missing.tf"));
        Files.createSymbolicLink(root.resolve("infra/device.tf"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve(".github/workflows/fifo.yml").toString())
                .inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        CliRun run = scanWithin(10_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("problems").valueStream().map(p -> p.get("location").get("path").asString() + ": "
                + p.get("message").asString() + (p.get("fatal").asBoolean() ? " (error)" : "")).toList())
                .containsExactlyInAnyOrder(
                        ".github/workflows/linked.yml: a symbolic link, which GitHub does not run as a workflow, "
                                + "so not read",
                        ".github/workflows/fifo.yml: not a regular file (a device, FIFO or socket), so not read",
                        "infra/outside.tf: a symbolic link that leads out of the scanned folder, so not followed",
                        "infra/gone.tf: a symbolic link that cannot be followed (no such file or directory), "
                                + "so not read",
                        "infra/device.tf: a symbolic link that leads out of the scanned folder, so not followed");
        assertThat(report.get("findings").valueStream().filter(f -> f.get("check").asString()
                        .equals("gha-template-injection"))
                .map(f -> f.get("location").get("path").asString()).toList())
                .containsExactlyInAnyOrder("shared/action.yml", "actions/linked/action.yml", ".github/workflows/ci.yml");
        Files.delete(root.resolve("infra/device.tf"));
    }

    /**
     * Issue templates are the repository's too: nesting past the YAML limits, an alias bomb, binary bytes, a file
     * over the size limit, a FIFO and a link to a device among them end neither the scan nor its other results.
     */
    @Test
    void hostileIssueTemplatesAreReadWithinLimits(@TempDir Path base) throws IOException, InterruptedException {
        Path root = Files.createDirectories(base.resolve("repo"));
        write(root, "ci.yml", utf8(GOOD));
        Path templates = Files.createDirectories(root.resolve(".github/ISSUE_TEMPLATE"));
        Files.writeString(templates.resolve("deep.yml"), "labels: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        StringBuilder bomb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            bomb.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (level - 1)))).append("]\n");
        }
        Files.writeString(templates.resolve("bomb.yml"), bomb + "labels: [*l9]\n");
        Files.write(templates.resolve("binary.yml"), new byte[]{0, (byte) 0xFF, 0x00, 0x7F});
        Files.writeString(templates.resolve("big.md"), "---\nlabels: big\n---\n" + "x".repeat(50 * 1024 * 1024));
        Files.createSymbolicLink(templates.resolve("device.yml"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", templates.resolve("fifo.yml").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        CliRun run = scanWithin(10_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("findings").valueStream().filter(f -> f.get("check").asString()
                .equals("gha-template-injection")).map(f -> f.get("location").get("path").asString()).toList())
                .containsExactly(".github/workflows/ci.yml");
        Files.delete(templates.resolve("device.yml"));
    }

    /**
     * Patterns are written by whoever wrote the scanned files, and so are the names they are matched against:
     * a crafted {@code workflow_run} filter or {@code ignore} glob over a long name must not hold the scan up,
     * and a malformed filter is no failed check.
     */
    @Test
    void craftedPatternsOverLongNamesDoNotHoldTheScanUp(@TempDir Path root) throws IOException {
        String longName = "a".repeat(3_000);
        String longFile = "a".repeat(240) + ".yml";
        write(root, longFile, utf8("name: " + longName + "\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: make\n"));
        write(root, "follow.yml", utf8("""
                on:
                  workflow_run:
                    workflows: ["[", "**a**a**a**a**a**a**a**a**a**a**a**a**a**a**ab", "a?a?a?a?a?a?a?a?a?a?a?a?b"]
                    types: [completed]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.workflow_run.head_sha }}
                      - run: make
                """));
        Files.writeString(root.resolve(".cimatrix.yml"), "ignore:\n  - '" + "**a".repeat(14) + "b'\n");

        CliRun run = scanWithin(10_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("problems")).as("no check failed").isEmpty();
        assertThat(report.get("findings").valueStream().map(r -> r.get("location").get("path").asString()).toList())
                .anyMatch(path -> path.endsWith("follow.yml"))
                .anyMatch(path -> path.endsWith(longFile));
    }

    /**
     * Scripts are as long as their authors make them: a megabyte line of commands that the checks look for
     * (git fetches, PowerShell writes, redirections into GITHUB_ENV, key-like words before a password) must
     * take linear time, not a pass over the rest of the line from every command.
     */
    @Test
    void longScriptLinesOfCommandsDoNotHoldTheScanUp(@TempDir Path root) throws IOException {
        Map<String, String> scripts = Map.of(
                "git-fetch.yml", "git fetch ".repeat(100_000) + "x",
                "out-file.yml", "Out-File ".repeat(100_000) + "x GITHUB_ENV",
                "tee-blanks.yml", "tee" + " ".repeat(500_000) + "x GITHUB_ENV",
                "percent-writes.yml", "> %GITHUB_ENV ".repeat(70_000),
                "key-run.yml", "-".repeat(500_000) + " password=hunter22 && git fetch origin pull/1/head");
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            write(root, script.getKey(), utf8("on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n"
                    + "    steps:\n      - run: " + Json.mapper().writeValueAsString(script.getValue()) + "\n"));
        }

        CliRun run = scanWithin(15_000, "text", root.toString());
        assertThat(run.out()).contains("5 files scanned").doesNotContain("hunter22");
    }

    /**
     * After a checkout of a pull request, a release job's scripts are read for commands, quoted text, expressions,
     * release scripts and gh queries: strings and substitutions that never close, or words that repeat a name, must
     * not make each quote or name search the rest of the script again.
     */
    @Test
    void hostileScriptsAfterACheckoutDoNotHoldTheScanUp(@TempDir Path root) throws IOException {
        Map<String, String> scripts = Map.of(
                "unclosed-substitutions.yml", "\"$(".repeat(200_000),
                "unclosed-expressions.yml", "${{ ".repeat(100_000),
                "quotes.yml", "'\"".repeat(200_000),
                "release-names.yml", "release".repeat(150_000) + ".sh",
                "gh-queries.yml", "N=$(gh pr view " + "--json=a ".repeat(30_000) + "\necho \"N=$N\" >> $GITHUB_ENV",
                "gh-api.yml", "N=$(gh api " + " -q .a".repeat(30_000) + "\necho \"N=$N\" >> $GITHUB_ENV");
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            write(root, script.getKey(), utf8("on:\n  pull_request_target:\n  push:\n    tags: ['v*']\njobs:\n  b:\n"
                    + "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n"
                    + "          ref: ${{ github.event.pull_request.head.sha }}\n      - uses: actions/setup-go@v5\n"
                    + "      - env:\n          B: ${{ github.event.pull_request.head.ref }}\n"
                    + "        run: " + Json.mapper().writeValueAsString(script.getValue()) + "\n"));
        }

        CliRun run = scanWithin(20_000, "text", root.toString());
        assertThat(run.out()).contains("6 files scanned");
    }

    /**
     * A job of thousands of checkouts, each into a folder of its own, among uploads, scripts and actions: weighing
     * each step against every checkout before it once took two and a half minutes for 20,000 steps. And a job of
     * nothing but checkouts, each finding silenced on its line.
     */
    @Test
    void aJobOfThousandsOfCheckoutsAndStepsIsReadInTimeCloseToLinear(@TempDir Path root) throws IOException {
        String[] kinds = {
            "      - uses: actions/checkout@v4\n        with:\n          path: c%1$d\n"
                    + "          ref: ${{ github.event.pull_request.head.sha }}\n",
            "      - uses: actions/upload-artifact@v3\n        with:\n          path: c%2$d\n",
            "      - run: |\n          cd c%2$d && npm install\n          echo \"X%1$d=${{ github.event.pull_request.title }}\""
                    + " >> $GITHUB_ENV\n",
            "      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n          cache: npm\n",
            "      - id: s%1$d\n        run: echo \"v=${{ steps.s%2$d.outputs.v }}\" >> $GITHUB_OUTPUT\n",
            "      - run: ./build.sh ${{ secrets.TOKEN }}\n",
        };
        StringBuilder workflow = new StringBuilder("on:\n  pull_request_target:\njobs:\n  j:\n"
                + "    runs-on: [self-hosted]\n    steps:\n");
        for (int i = 0; i < 20_000; i++) {
            workflow.append(String.format(kinds[i % kinds.length], i, Math.max(0, i - 12)));
        }
        write(root, "many-checkouts.yml", utf8(workflow.toString()));
        StringBuilder checkouts = new StringBuilder("on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n");
        for (int i = 0; i < 40_000; i++) {
            // Each silenced on its line: every finding was once held against every suppression of its file.
            checkouts.append("      - uses: actions/checkout@v4  # cimatrix: ignore[gha-artipacked]\n");
        }
        write(root, "only-checkouts.yml", utf8(checkouts.toString()));

        CliRun run = scanWithin(30_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        assertThat(report.get("findings").valueStream().filter(f -> f.get("check").asString()
                .equals("gha-untrusted-checkout")).count()).as("steps after a checkout that run its code")
                .isGreaterThan(3_000);
        assertThat(report.get("summary").get("suppressed").asInt()).isEqualTo(40_000);
    }

    /**
     * Thousands of workflow and job env entries read by thousands of steps: the workflow's env was weighed again for
     * each step, and each step searched its script for every name, which took minutes.
     */
    @Test
    void thousandsOfEnvEntriesReadByThousandsOfStepsAreReadInTimeCloseToLinear(@TempDir Path root) throws IOException {
        StringBuilder workflow = new StringBuilder("on: issue_comment\nenv:\n");
        for (int i = 0; i < 5_000; i++) {
            workflow.append("  E").append(i).append(": ${{ github.event.comment.body }}\n");
        }
        workflow.append("jobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n");
        for (int i = 0; i < 5_000; i++) {
            workflow.append("      J").append(i).append(": ${{ secrets.S").append(i).append(" }}\n");
        }
        workflow.append("    steps:\n");
        for (int i = 0; i < 10_000; i++) {
            int e = i % 5_000;
            workflow.append("      - run: |\n          echo \"A").append(i).append("=$E").append(e)
                    .append("\" >> $GITHUB_ENV\n          echo ${J").append(e).append(":0:4} | rev\n")
                    .append("          echo ${{ env.E").append(e).append(" }}\n");
        }
        write(root, "env.yml", utf8(workflow.toString()));

        CliRun run = scanWithin(30_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        for (String check : List.of("gha-github-env", "gha-template-injection")) {
            assertThat(report.get("findings").valueStream().filter(f -> f.get("check").asString().equals(check))
                    .count()).as(check).isEqualTo(10_000);
        }
    }

    /** Thousands of jobs that each need dozens: each need was once found by a walk over every job. */
    @Test
    void thousandsOfJobsThatEachNeedDozensAreReadInTimeCloseToLinear(@TempDir Path root) throws IOException {
        StringBuilder workflow = new StringBuilder("on: issues\njobs:\n");
        for (int i = 0; i < 10_000; i++) {
            workflow.append("  j").append(i).append(":\n    runs-on: ubuntu-latest\n");
            if (i > 0) {
                workflow.append("    needs: [");
                for (int k = Math.max(0, i - 40); k < i; k++) {
                    workflow.append(k > Math.max(0, i - 40) ? ", " : "").append('j').append(k);
                }
                workflow.append("]\n");
            }
            workflow.append("    outputs:\n      o: ${{ steps.s.outputs.o }}\n    steps:\n      - id: s\n")
                    .append("        run: echo \"o=${{ needs.j").append(Math.max(0, i - 1))
                    .append(".outputs.o }}\" >> $GITHUB_OUTPUT\n");
        }
        write(root, "needs.yml", utf8(workflow.toString()));

        CliRun run = scanWithin(30_000, "json", root.toString());
        assertThat(Json.mapper().readTree(run.out()).get("summary").get("workflows").asInt()).isEqualTo(1);
    }

    /** A script writing thousands of outputs from the same expression: each was weighed for every value written. */
    @Test
    void thousandsOfOutputsWrittenFromOneExpressionAreReadInTimeCloseToLinear(@TempDir Path root) throws IOException {
        StringBuilder workflow = new StringBuilder("on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    outputs:\n");
        for (int i = 0; i < 8_000; i++) {
            workflow.append("      o").append(i).append(": ${{ steps.s.outputs.o").append(i).append(" }}\n");
        }
        workflow.append("    steps:\n      - id: s\n        run: |\n");
        for (int i = 0; i < 8_000; i++) {
            workflow.append("          echo \"o").append(i).append("=${{ github.event.issue.title }}\" >> $GITHUB_OUTPUT\n");
        }
        workflow.append("  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n");
        for (int i = 0; i < 8_000; i++) {
            workflow.append("      - run: echo ${{ needs.a.outputs.o").append(i).append(" }}\n");
        }
        write(root, "outputs.yml", utf8(workflow.toString()));

        CliRun run = scanWithin(30_000, "json", root.toString());
        assertThat(Json.mapper().readTree(run.out()).get("findings").valueStream()
                .filter(f -> f.get("check").asString().equals("gha-template-injection")).count())
                .as("each output read into a script").isGreaterThanOrEqualTo(8_000);
    }

    /** A job of thousands of AI agent steps, each with a secret of its own: the job's holdings were read for each. */
    @Test
    void aJobOfThousandsOfAgentStepsIsReadInTimeCloseToLinear(@TempDir Path root) throws IOException {
        StringBuilder workflow = new StringBuilder("on: issue_comment\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n");
        for (int i = 0; i < 15_000; i++) {
            workflow.append("      - uses: openai/codex-action@v1\n        with:\n          openai-api-key: ${{ secrets.K")
                    .append(i).append(" }}\n          allow-users: '*'\n          prompt: ${{ github.event.comment.body }}\n");
        }
        write(root, "agents.yml", utf8(workflow.toString()));

        CliRun run = scanWithin(30_000, "json", root.toString());
        assertThat(Json.mapper().readTree(run.out()).get("findings").valueStream()
                .filter(f -> f.get("check").asString().equals("gha-ai-prompt-injection")).count())
                .as("the prompt and the open setting of each step").isEqualTo(30_000);
    }

    /** Every expression of a scalar is located in the source; 50,000 of them on one line once took minutes. */
    @Test
    void aLineOfManyExpressionsIsReadInLinearTime(@TempDir Path root) throws IOException {
        String script = "echo ${{ github.event.issue.title }} ".repeat(50_000);
        write(root, "many.yml", utf8("on: issue_comment\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: " + Json.mapper().writeValueAsString(script) + "\n"));

        CliRun run = scanWithin(15_000, "json", root.toString());
        JsonNode report = Json.mapper().readTree(run.out());
        List<JsonNode> injections = report.get("findings").valueStream()
                .filter(f -> f.get("check").asString().equals("gha-template-injection")).toList();
        assertThat(injections).hasSize(50_000);
        assertThat(injections.get(49_999).get("location").get("startColumn").asInt())
                .isEqualTo("      - run: \"".length() + 49_999 * 37 + 6);
    }

    @Test
    void zizmorsInvalidFixturesEachEndInAnErrorForThatFile(@TempDir Path root) throws IOException {
        Path invalid = SharedData.file("corpus/peer-fixtures/zizmor/test-data/invalid");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(invalid), "shared corpus not present");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(invalid)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSize(11);
        for (Path file : files) {
            JsonNode json = Json.mapper().readTree(scanWithin(2_000, "json", file.toString()).out());
            assertThat(json.get("problems")).as("%s", file).isNotEmpty();
            assertThat(json.get("problems").get(0).get("message").asString()).as("%s", file).isNotBlank();
        }
    }
}
