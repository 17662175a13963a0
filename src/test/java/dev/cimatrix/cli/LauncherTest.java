package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's choice of JVM options, asked of the real script ({@code CIMATRIX_SHOW_JAVA_OPTS}) from a copy of
 * it beside a stand-in jar, so that it neither builds nor starts a JVM.
 */
class LauncherTest {
    private static final String SHORT_RUN = "-XX:TieredStopAtLevel=1";
    private static final String LONG_RUN = "-XX:FreqInlineSize=100";
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private static String launcherText() throws IOException {
        return Files.readString(Path.of("cimatrix"), StandardCharsets.UTF_8);
    }

    private List<String> javaOptions(String... args) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path launcher = root.resolve("cimatrix");
        if (!Files.exists(launcher)) {
            Files.copy(Path.of("cimatrix"), launcher);
            Files.createDirectories(root.resolve("target"));
            Files.writeString(root.resolve("target/cimatrix.jar"), "");
        }
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CIMATRIX_NO_CACHE", "1");
        builder.environment().put("CIMATRIX_SHOW_JAVA_OPTS", "1");
        builder.environment().put("CIMATRIX_JAVA_OPTS", "-Dcimatrix.test=1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.lines().toList();
    }

    /** A file of the given apparent size that takes no space on disk. */
    private Path sparse(String name, long bytes) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    @Test
    void longDetectionRunsGetTheFullCompilerAndEverythingElseTheClientCompilerOnly() throws Exception {
        Path small = Files.writeString(dir.resolve("small.jsonl"), "{}\n");
        Path big = sparse("big.jsonl", 600 * MIB);
        Path bigZip = sparse("big.jsonl.gz", 70 * MIB);
        Path smallZip = sparse("small.jsonl.gz", 50 * MIB);

        assertThat(javaOptions("scan", ".")).contains(SHORT_RUN).doesNotContain(LONG_RUN);
        assertThat(javaOptions("detect", small.toString())).contains(SHORT_RUN).doesNotContain(LONG_RUN);
        assertThat(javaOptions("detect", "-")).as("a pipe's size is unknown").contains(SHORT_RUN);
        assertThat(javaOptions("detect", big.toString())).doesNotContain(SHORT_RUN).contains(LONG_RUN)
                .contains("-XX:+UseParallelGC").last().isEqualTo("-Dcimatrix.test=1");
        assertThat(javaOptions("detect", "--follow", small.toString())).doesNotContain(SHORT_RUN).contains(LONG_RUN);
        assertThat(javaOptions("detect", dir.toString())).as("a folder counts all it holds").doesNotContain(SHORT_RUN);
        assertThat(javaOptions("detect", bigZip.toString())).as("gzip at eight times its size").doesNotContain(SHORT_RUN);
        assertThat(javaOptions("detect", smallZip.toString())).contains(SHORT_RUN);
        assertThat(javaOptions("detect", "--state", big.toString(), small.toString()))
                .as("an option's value is not a log").contains(SHORT_RUN);
        assertThat(javaOptions("detect", "-o", big.toString(), "--format", "json", small.toString())).contains(SHORT_RUN);
        assertThat(javaOptions("detect", "--state=" + big, small.toString())).contains(SHORT_RUN);
    }

    /** The launcher skips the value of every option of detect that takes one, and only those. */
    @Test
    void theLauncherKnowsWhichDetectOptionsTakeAValue() throws IOException {
        Matcher m = Pattern.compile("detect_valued_options=\"([^\"]*)\"").matcher(launcherText());
        assertThat(m.find()).isTrue();
        Set<String> listed = new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
        Set<String> valued = new TreeSet<>();
        for (OptionSpec option : Main.commandLine("detect").getSubcommands().get("detect").getCommandSpec().options()) {
            if (option.arity().max() > 0) {
                valued.addAll(Arrays.asList(option.names()));
            }
        }
        assertThat(listed).isEqualTo(valued);
    }

    /**
     * A build stopped part way leaves a jar newer than the sources that may not be the whole program (the packaging
     * step writes it in stages); the next run builds again rather than run it. Maven is played by a script that
     * writes the jar, and the first build is killed while it runs.
     */
    @Test
    void aBuildStoppedPartWayIsDoneAgainByTheNextRun() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.copy(Path.of("cimatrix"), root.resolve("cimatrix"));
        Path calls = root.resolve("builds.txt");
        Path mvnw = Files.writeString(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo build >> builds.txt
                mkdir -p target
                printf '%s' "$JAR_TEXT" > target/cimatrix.jar
                if [[ -n "${HANG:-}" ]]; then exec sleep 60; fi
                """);
        mvnw.toFile().setExecutable(true);

        Process stopped = launcher(root, "half a jar", true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(root.resolve("target/cimatrix.jar")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stopped.descendants().forEach(ProcessHandle::destroyForcibly);
        stopped.destroyForcibly();
        assertThat(stopped.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(calls)).hasSize(1);
        assertThat(root.resolve("target/cimatrix.jar")).hasContent("half a jar");

        for (int run = 0; run < 2; run++) {
            Process next = launcher(root, "the whole jar", false).start();
            assertThat(next.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(next.exitValue()).isZero();
        }
        assertThat(Files.readAllLines(calls)).as("built again once, then trusted").hasSize(2);
        assertThat(root.resolve("target/cimatrix.jar")).hasContent("the whole jar");
    }

    private static ProcessBuilder launcher(Path root, String jarText, boolean hang) {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("cimatrix").toString(), "--version")
                .directory(root.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CIMATRIX_NO_CACHE", "1");
        builder.environment().put("CIMATRIX_SHOW_JAVA_OPTS", "1");
        builder.environment().put("JAR_TEXT", jarText);
        if (hang) {
            builder.environment().put("HANG", "1");
        }
        return builder;
    }
}
