package dev.cimatrix.discover.yaml;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Each hostile or broken input ends in a clear error for its file, within a second of CPU time. */
class YamlLimitsTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration HANG = Duration.ofSeconds(10);
    private final YamlLoader loader = new YamlLoader();

    /** Loads the classes involved first, so the timings measure the limits rather than class loading. */
    @BeforeAll
    static void warmUp() throws YamlLoadException {
        new YamlLoader().parse("warm.yml", "a: &a {x: [1, 2]}\nb: {<<: *a, y: *a}\n", YamlDialect.MERGING);
    }

    private YamlLoadException failure(byte[] bytes, YamlDialect dialect) {
        return withinOneSecond(() -> loader.load("bad.yml", bytes, dialect));
    }

    /**
     * Expects the load to fail within one second of CPU time on its thread. CPU rather than wall time, so a
     * busy machine does not make the test flaky; a wall-clock timeout still catches a hang.
     */
    private static YamlLoadException withinOneSecond(ThrowingCallable load) {
        return assertTimeoutPreemptively(HANG, () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadCpuTime();
            YamlLoadException error = catchThrowableOfType(YamlLoadException.class, load);
            Duration used = Duration.ofNanos(threads.getCurrentThreadCpuTime() - before);
            assertThat(used).as("CPU time").isLessThan(ONE_SECOND);
            assertThat(error).as("the load should fail").isNotNull();
            return error;
        });
    }

    private YamlLoadException failure(String text) {
        return failure(text.getBytes(StandardCharsets.UTF_8), YamlDialect.GITHUB);
    }

    @Test
    void aBillionLaughsAliasBombStopsAtTheExpansionLimit() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }
        for (YamlDialect dialect : YamlDialect.values()) {
            YamlLoadException error = failure(yaml.toString().getBytes(StandardCharsets.UTF_8), dialect);
            assertThat(error.reason()).isEqualTo("aliases and merge keys expand to more than 200000 nodes");
            assertThat(error.location().path()).isEqualTo("bad.yml");
        }
    }

    @Test
    void aMergeKeyBombStopsAtTheExpansionLimit() {
        StringBuilder yaml = new StringBuilder("m0: &m0 {");
        for (int i = 0; i < 10; i++) {
            yaml.append(i == 0 ? "" : ", ").append("k").append(i).append(": v");
        }
        yaml.append("}\n");
        for (int level = 1; level < 12; level++) {
            yaml.append("m").append(level).append(": &m").append(level).append(" {<<: [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*m").append(level - 1);
            }
            yaml.append("], l").append(level).append(": [*m").append(level - 1).append(", *m").append(level - 1).append("]}\n");
        }
        YamlLoadException error = failure(yaml.toString().getBytes(StandardCharsets.UTF_8), YamlDialect.MERGING);
        assertThat(error.reason()).startsWith("aliases and merge keys expand to more than");
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedBeforeParsing(@TempDir Path directory) throws IOException {
        byte[] fifty = new byte[50 * 1024 * 1024];
        Arrays.fill(fifty, (byte) 'a');
        YamlLoadException fromBytes = failure(fifty, YamlDialect.GITHUB);
        assertThat(fromBytes.reason()).isEqualTo("file is 50 MiB, over the 10 MiB limit");

        Path file = directory.resolve("big.yml");
        Files.write(file, fifty);
        YamlLoadException fromFile = withinOneSecond(() -> loader.load(file, "big.yml", YamlDialect.GITHUB));
        assertThat(fromFile.getMessage()).isEqualTo("big.yml:1:1: file is 50 MiB, over the 10 MiB limit");
    }

    @Test
    void theSizeLimitIsConfigurable() {
        YamlLoader small = new YamlLoader(YamlLimits.DEFAULT.withMaxFileBytes(1000));
        YamlLoadException error = catchThrowableOfType(YamlLoadException.class,
                () -> small.load("x.yml", new byte[1536], YamlDialect.GITHUB));
        assertThat(error.reason()).isEqualTo("file is 1536 bytes, over the 1000 bytes limit");
    }

    @Test
    void aBinaryFileIsNotText() {
        byte[] png = new byte[4096];
        new Random(7).nextBytes(png);
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        png[10] = 0;
        assertThat(failure(png, YamlDialect.GITHUB).reason()).isEqualTo("not a text file: it contains NUL bytes");

        byte[] controls = new byte[1000];
        for (int i = 0; i < controls.length; i++) {
            controls[i] = (byte) (i % 3 == 0 ? 0x01 : 'a');
        }
        assertThat(failure(controls, YamlDialect.GITHUB).reason()).startsWith("not a text file: 33% of its first bytes");
    }

    @Test
    void invalidUtf8IsReportedAtItsLineAndColumn() {
        byte[] bytes = "a: ok\nb: caf\u00e9 x".getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        broken[12] = (byte) 0xFF; // replaces the first byte of the two-byte é
        YamlLoadException error = failure(broken, YamlDialect.GITHUB);
        assertThat(error.getMessage()).isEqualTo("bad.yml:2:7: not valid UTF-8: byte 0xFF at offset 12");

        byte[] truncated = Arrays.copyOf(bytes, 13);
        assertThat(failure(truncated, YamlDialect.GITHUB).reason()).isEqualTo("not valid UTF-8: byte 0xC3 at offset 12");
    }

    @Test
    void tenThousandLevelsOfNestingStopAtTheDepthLimit() {
        String flowSequences = "[".repeat(10_000) + "]".repeat(10_000);
        YamlLoadException error = failure(flowSequences);
        assertThat(error.getMessage()).isEqualTo("bad.yml:1:501: nesting deeper than 500 levels");

        String flowMappings = "{a: ".repeat(10_000) + "}".repeat(10_000);
        assertThat(failure(flowMappings).reason()).isEqualTo("nesting deeper than 500 levels");

        StringBuilder blockSequences = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            blockSequences.append("- ");
        }
        assertThat(failure(blockSequences.append("x\n").toString()).reason()).isEqualTo("nesting deeper than 500 levels");
    }

    @Test
    void nestingUpToTheLimitLoadsOnAThreadWithTheDefaultStack() throws InterruptedException {
        String flow = "a: &a " + "[".repeat(499) + "x" + "]".repeat(499) + "\nb: *a\n";
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            block.append(" ".repeat(i)).append("k:\n");
        }
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                loader.parse("deep.yml", flow, YamlDialect.MERGING);
                loader.parse("deep.yml", block.toString(), YamlDialect.GITHUB);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "default-stack", 1024 * 1024);
        worker.start();
        worker.join();
        assertThat(failure[0]).isNull();
    }

    @Test
    void nestingThroughAliasesCountsToo() {
        String deep = "[".repeat(400) + "]".repeat(400);
        String yaml = "a: &a " + deep + "\nb: &b " + "[".repeat(300) + "*a" + "]".repeat(300) + "\n";
        YamlLoadException error = failure(yaml);
        assertThat(error.reason()).isEqualTo("nesting deeper than 500 levels through an alias");
        assertThat(error.location().startLine()).isEqualTo(2);
    }

    @Test
    void syntaxErrorsCarryTheEnginesPositionAndProblem() {
        YamlLoadException error = failure("on: push\njobs:\n  a: b: c\n");
        assertThat(error.getMessage()).isEqualTo("bad.yml:3:7: mapping values are not allowed here");

        YamlLoadException unclosed = failure("a: [1, 2\nb: 3\n");
        assertThat(unclosed.location().startLine()).isEqualTo(2);
        assertThat(unclosed.reason()).contains("while parsing a flow sequence at line 1, column 4");
    }

    @Test
    void aFailureInsideTheParserIsAnErrorForTheFile() {
        YamlLoadException error = failure("\"\\\\\\U"); // a \U escape cut off by the end of the file
        assertThat(error.getMessage()).startsWith("bad.yml:1:").contains("the YAML parser failed here (NumberFormatException");
    }

    @Test
    void aControlCharacterInsideTextIsReportedWhereItStands() {
        YamlLoadException error = failure("a: 1\nb: x\u0007y\n");
        assertThat(error.getMessage()).isEqualTo("bad.yml:2:5: character U+0007 is not allowed in YAML");
    }

    @Test
    void aNonScalarKeyIsAnError() {
        assertThat(failure("? [a, b]\n: c\n").getMessage()).isEqualTo("bad.yml:1:3: a mapping key must be a scalar");
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() throws YamlLoadException {
        byte[] bytes = "\uFEFFon: push\n".getBytes(StandardCharsets.UTF_16LE);
        YamlMapping root = (YamlMapping) loader.load("w.yml", bytes, YamlDialect.GITHUB).firstRoot().orElseThrow();
        assertThat(root.getText("on")).contains("push");
    }

    @Test
    void anUnreadableFileIsAnError(@TempDir Path directory) {
        YamlLoadException error = catchThrowableOfType(YamlLoadException.class,
                () -> loader.load(directory.resolve("missing.yml"), "missing.yml", YamlDialect.GITHUB));
        assertThat(error.reason()).startsWith("cannot read the file");
    }
}
