package dev.cimatrix.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reasons of real failed file operations: never the bare path the JDK gives as the message of some. */
class IoReasonTest {
    @TempDir
    Path dir;

    private static String reasonOf(IoAction action) {
        return IoReason.of(catchThrowableOfType(IOException.class, action::run));
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void eachFailureIsNamedWithoutThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("file.yml"), "on: push\n");
        assertThat(reasonOf(() -> Files.readAllBytes(dir.resolve("missing.yml")))).isEqualTo("no such file or directory");
        assertThat(reasonOf(() -> Files.createFile(file))).isEqualTo("a file is in the way");
        assertThat(reasonOf(() -> Files.list(file).close())).isEqualTo("not a folder");
        assertThat(reasonOf(() -> Files.delete(dir))).isEqualTo("the folder is not empty");
        assertThat(reasonOf(() -> Files.readAllBytes(dir))).isEqualTo("Is a directory");
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        assertThat(reasonOf(() -> Files.readAllBytes(loop))).doesNotContain(dir.toString()).isNotBlank();
    }
}
