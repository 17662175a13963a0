package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code detect} reading from pipes, in a process of its own so that its standard input is a real pipe: {@code -}
 * for standard input, with and without {@code --follow}, and a named pipe as process substitution gives one.
 */
class DetectPipeTest {
    private static final String RULE = """
            title: Self-hosted runner registered
            id: test-runner
            level: high
            logsource: {product: github, service: audit}
            detection:
              selection: {action|endswith: register_self_hosted_runner}
              condition: selection
            """;
    private static final String MISS = "{\"action\":\"repo.create\",\"actor\":\"alice\",\"@timestamp\":1767261600000}\n";
    private static final String HIT = "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"mallory\","
            + "\"note\":\"two\\nlines\",\"@timestamp\":1767261660000}\n";

    @TempDir
    Path dir;
    Path rules;

    @BeforeEach
    void rules() throws IOException {
        rules = Files.writeString(dir.resolve("runner.yml"), RULE);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "detect", "--no-builtin-rules",
                "--rules", rules.toString(), "--state", dir.resolve("state.db").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        Process p = start("--format", "json", "-");
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p));
        try (OutputStream in = p.getOutputStream()) {
            in.write((MISS + HIT + "not json\n" + MISS).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr()).isEqualTo(ExitCode.OK);
        JsonNode root = Json.mapper().readTree(out.get());
        JsonNode event = root.get("alerts").get(0).get("events").get(0);
        assertThat(event.get("file").asString()).isEqualTo("(standard input)");
        assertThat(event.get("line").asInt()).isEqualTo(2);
        assertThat(root.get("stats").get("events").asInt()).isEqualTo(3);
        assertThat(stderr()).contains("(standard input):3: parse error");
    }

    /**
     * With --follow each alert comes out as one line of JSON when raised, before the input ends; the end of a pipe
     * ends the run, as nothing more can come.
     */
    @Test
    void followOnStandardInputWritesEachAlertAsItComesAndEndsWithThePipe() throws Exception {
        Process p = start("--follow", "--format", "json", "-");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = p.getOutputStream();
        in.write((MISS + HIT).getBytes(StandardCharsets.UTF_8));
        in.flush();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(out));
        String line = first.get(60, TimeUnit.SECONDS);
        assertThat(p.isAlive()).as("the alert came while the input is still open").isTrue();
        JsonNode alert = Json.mapper().readTree(line);
        assertThat(alert.get("rule").asString()).isEqualTo("test-runner");
        assertThat(alert.get("events").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(alert.get("events").get(0).get("event").get("note").asString()).isEqualTo("two\nlines");

        in.write(HIT.replace("mallory", "trudy").getBytes(StandardCharsets.UTF_8));
        in.close();
        String second = readLine(out);
        assertThat(Json.mapper().readTree(second).get("group").get("actor").asString()).isEqualTo("trudy");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the end of the pipe ends the run").isTrue();
        assertThat(readLine(out)).isNull();
        assertThat(p.exitValue()).as(stderr()).isEqualTo(ExitCode.OK);
    }

    /** A followed log's alerts are streamed, not kept; --fail-on still judges them by the most severe. */
    @Test
    void followExitsWithOneWhenAStreamedAlertReachesFailOn() throws Exception {
        for (String failOn : List.of("high", "critical")) {
            Process p = start("--follow", "--format", "json", "--fail-on", failOn, "-");
            try (OutputStream in = p.getOutputStream()) {
                in.write((MISS + HIT).getBytes(StandardCharsets.UTF_8));
            }
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("--fail-on " + failOn + " with a high alert: " + stderr())
                    .isEqualTo(failOn.equals("high") ? ExitCode.FINDINGS : ExitCode.OK);
        }
    }

    /**
     * A followed log that does not exist yet, in a folder that does, is waited for and then read; in a folder that
     * does not exist it is an unreadable file at once.
     */
    @Test
    void followWaitsForTheLogToBeCreated() throws Exception {
        Path log = dir.resolve("later.jsonl");
        Process p = start("--follow", "--format", "json", log.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stderr().contains("waiting for " + log + " to be created") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stderr()).contains("waiting for " + log + " to be created");
        Files.writeString(log, MISS + HIT);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
        JsonNode alert = Json.mapper().readTree(line);
        assertThat(alert.get("events").get(0).get("file").asString()).isEqualTo(log.toString());
        assertThat(alert.get("events").get(0).get("line").asInt()).isEqualTo(2);
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process nowhere = start("--follow", dir.resolve("no-such-folder/later.jsonl").toString());
        assertThat(nowhere.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(nowhere.exitValue()).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("later.jsonl: unreadable").doesNotContain("waiting");
    }

    /** A named pipe stands for what process substitution ({@code <(zcat log.gz)}) hands over: no size, no seeking. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void namedPipeIsReadLikeAFile() throws Exception {
        Path fifo = dir.resolve("events.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        Process p = start("--format", "json", fifo.toString());
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p));
        Files.writeString(fifo, MISS + HIT);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr()).isEqualTo(ExitCode.OK);
        JsonNode root = Json.mapper().readTree(out.get());
        assertThat(root.get("alerts").get(0).get("events").get(0).get("file").asString()).isEqualTo(fifo.toString());
        assertThat(root.get("stats").get("events").asInt()).isEqualTo(2);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void standardInputOnlyOnce() {
        var run = dev.cimatrix.testing.CliRun.of("detect", "--no-builtin-rules", "--rules", rules.toString(), "-", "-");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("standard input (-) can be read only once");
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
