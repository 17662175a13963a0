package dev.cimatrix.cli;

import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ArgumentFilesTest {
    @Test
    void anArgumentFileGivesItsWordsWithQuotesAndComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("args");
        Files.writeString(file, "# the matrix as JSON\nmatrix\n  --format 'json'   # a comment to the end of the line\n");
        CliRun run = CliRun.of("@" + file);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{").contains("CICD-T001");
    }

    @Test
    void aQuotedWordKeepsItsSpaces(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("args");
        Files.writeString(file, "explain \"no such id\"\n");
        CliRun run = CliRun.of("@" + file);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'no such id'");
    }

    @Test
    void filesNameOtherFilesAndEachIsReadOnce(@TempDir Path dir) throws IOException {
        Path inner = dir.resolve("inner");
        Path outer = dir.resolve("outer");
        Files.writeString(inner, "--format json @" + outer + "\n");
        Files.writeString(outer, "matrix @" + inner + "\n");
        CliRun run = CliRun.of("@" + outer);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{");
    }

    @Test
    void aDoubledAtAndANameThatIsNoFileAreKeptLiterally(@TempDir Path dir) {
        CliRun doubled = CliRun.of("explain", "@@CICD-T001");
        assertThat(doubled.err()).contains("unknown id '@CICD-T001'");
        CliRun missing = CliRun.of("explain", "@" + dir.resolve("missing"));
        assertThat(missing.err()).contains("unknown id '@" + dir.resolve("missing") + "'");
    }

    @Test
    void aFileBeyondTheLimitIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge");
        Files.write(file, new byte[ArgumentFiles.MAX_BYTES + 1]);
        CliRun run = CliRun.of("scan", "@" + file);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("argument file @" + file).contains("more than 1 MiB").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileAtTheLimitIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spaces");
        byte[] bytes = new byte[ArgumentFiles.MAX_BYTES];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] words = "matrix --format json".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(words, 0, bytes, 0, words.length);
        Files.write(file, bytes);
        CliRun run = CliRun.of("@" + file);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anEndlessDeviceEndsInAUsageErrorRatherThanAHang() {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("scan", "@/dev/zero"));
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("argument file @/dev/zero holds more than 1 MiB");
    }
}
