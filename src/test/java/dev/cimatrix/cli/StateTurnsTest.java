package dev.cimatrix.cli;

import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of {@code detect} on one state file take turns: the second waits, saying so, for the first, a process
 * of its own here (operating-system locks are per process), and then runs as usual.
 */
class StateTurnsTest {
    private static final String RULE = """
            title: new actor
            id: test-first-actor
            logsource: {product: github, service: audit}
            detection:
              selection: {action|exists: true}
              condition: selection
            cimatrix:
              firstSeen: {key: [org], value: [actor]}
            """;

    @TempDir
    Path dir;

    /**
     * A default state file that cannot be opened (the cache folder is under a file here; a read-only home in a
     * container does the same) leaves the run without a store, with a warning, rather than failing it; a --state
     * file that cannot be opened still fails the run, as it was asked for.
     */
    @Test
    void aDefaultStateThatCannotBeOpenedIsAWarningNotAFailure() throws Exception {
        Path rules = Files.writeString(dir.resolve("rule.yml"), RULE + "---\n" + """
                title: runner
                id: test-runner
                logsource: {product: github, service: audit}
                level: high
                detection:
                  selection: {action: org.register_self_hosted_runner}
                  condition: selection
                """);
        Path log = Files.writeString(dir.resolve("audit.jsonl"), "{\"action\":\"org.register_self_hosted_runner\","
                + "\"actor\":\"mallory\",\"org\":\"acme\",\"@timestamp\":1767261600000}\n");
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        for (boolean named : new boolean[] {false, true}) {
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "detect", "--no-builtin-rules",
                    "--rules", rules.toString(), "--format", "json"));
            if (named) {
                command.addAll(List.of("--state", notAFolder.resolve("state.db").toString()));
            }
            command.add(log.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                    .redirectError(dir.resolve("err").toFile());
            builder.environment().put("XDG_CACHE_HOME", notAFolder.resolve("cache").toString());
            Process run = builder.start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err"));
            if (named) {
                assertThat(run.exitValue()).as(err).isEqualTo(ExitCode.USAGE);
                assertThat(err).contains("cannot open state store " + notAFolder.resolve("state.db"))
                        .doesNotContain("warning");
            } else {
                assertThat(run.exitValue()).as(err).isEqualTo(ExitCode.OK);
                assertThat(err).containsOnlyOnce("cimatrix detect: warning: cannot open state store")
                        .contains("running without a state store");
                assertThat(Files.readString(dir.resolve("out"))).contains("\"rule\" : \"test-runner\"");
            }
        }
    }

    @Test
    void aSecondRunWaitsForTheFirst() throws Exception {
        Path rules = Files.writeString(dir.resolve("rule.yml"), RULE);
        Path log = Files.writeString(dir.resolve("audit.jsonl"),
                "{\"action\":\"repo.create\",\"actor\":\"alice\",\"org\":\"acme\",\"@timestamp\":1767261600000}\n");
        Path state = dir.resolve("state.db");
        Process first = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "detect", "--no-builtin-rules",
                "--rules", rules.toString(), "--state", state.toString(), "--follow", log.toString()))
                .redirectOutput(dir.resolve("first.out").toFile()).redirectError(dir.resolve("first.err").toFile())
                .start();
        try {
            awaitHeldByAnotherProcess(dir.resolve("state.db.lock"));
            CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(() -> CliRun.of("detect",
                    "--no-builtin-rules", "--rules", rules.toString(), "--state", state.toString(), "--format", "json",
                    log.toString()));
            Thread.sleep(1000);
            assertThat(second).as("the second run waits while the first follows its log").isNotDone();
            first.destroy();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            CliRun run = second.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).contains("waiting for another run that uses the state file " + state);
            // The first run counted alice before it was stopped, so she is no longer new to the second.
            assertThat(run.out()).doesNotContain("test-first-actor");
        } finally {
            first.destroyForcibly();
        }
    }

    /** Polls until another process holds the lock: this process's own try fails only then. */
    private static void awaitHeldByAnotherProcess(Path lockFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(lockFile)) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        return;
                    }
                    lock.release();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first run never took the state file");
    }
}
