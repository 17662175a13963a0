package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputTest {
    @TempDir
    Path dir;

    private static final PrintWriter UNUSED = new PrintWriter(new StringWriter());

    @Test
    void writesTheFileAndLeavesNothingElse() throws IOException {
        Path report = dir.resolve("out/report.sarif");
        Output.write("{}\n", report, UNUSED);
        assertThat(report).hasContent("{}");
        Output.write("{\"second\": true}\n", report, UNUSED);
        assertThat(report).hasContent("{\"second\": true}");
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    /** A run that fails while writing leaves the earlier report whole, and no partial file beside it. */
    @Test
    void aFailedWriteLeavesTheFileAsItWas() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "earlier\n");
        assertThatThrownBy(() -> Output.write(out -> {
            out.write("{\"alerts\": [".repeat(100_000));
            throw new IllegalStateException("failed part way");
        }, report, UNUSED)).hasMessage("failed part way");
        assertThat(report).hasContent("earlier");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(report);
        }
        Path fresh = dir.resolve("never.json");
        assertThatThrownBy(() -> Output.write(out -> {
            throw new IllegalStateException("at once");
        }, fresh, UNUSED)).hasMessage("at once");
        assertThat(fresh).doesNotExist();
    }

    /** What is not a regular file is written in place: a device, or a link, which stays a link. */
    @Test
    void devicesAndLinksAreWrittenInPlace() throws IOException {
        Output.write("discarded\n", Path.of("/dev/null"), UNUSED);
        assertThat(Path.of("/dev/null")).exists();
        Path target = Files.writeString(dir.resolve("target.txt"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        Output.write("new\n", link, UNUSED);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("new");
    }

    @Test
    void aFolderInTheWayIsAUsageError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(() -> Output.write("x\n", folder, UNUSED))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("cannot write " + folder);
    }
}
