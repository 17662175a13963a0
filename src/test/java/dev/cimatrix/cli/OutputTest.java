package dev.cimatrix.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

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

    /**
     * Standard output that loses what is written to it (a full disk, a closed pipe) fails the command, which says
     * so, rather than ending as if its report had been written.
     */
    @Test
    void lostStandardOutputIsAnError() {
        PrintWriter full = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        assertThatThrownBy(() -> Output.write("report\n", null, full)).isInstanceOf(UsageException.class)
                .hasMessage("cannot write to standard output");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"scan", "examples/seed-attack"}, full, new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("cimatrix scan: cannot write to standard output");
    }

    /** Standard output keeps why a write failed: a full disk fails the run, a reader that stopped does not. */
    @Test
    void aReaderThatStoppedIsNoErrorButAFullDiskIs() {
        StandardOutput piped = StandardOutput.of(failing("Broken pipe"));
        Output.write("x".repeat(100_000), null, piped);
        assertThat(Output.readerGone(piped)).isTrue();

        StandardOutput full = StandardOutput.of(failing("No space left on device"));
        assertThatThrownBy(() -> Output.write("x".repeat(100_000), null, full)).isInstanceOf(UsageException.class)
                .hasMessage("cannot write to standard output: No space left on device");
        assertThat(Output.readerGone(full)).isFalse();
    }

    /** The same through a real process: its standard output is a file descriptor, not a writer of the test's. */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aRealProcessSaysWhenItsOutputIsLostAndStopsQuietlyWhenItsReaderGoes() throws Exception {
        Process full = cimatrix("scan", "examples/seed-attack").redirectOutput(new java.io.File("/dev/full")).start();
        String fullErr = new String(full.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(full.waitFor()).isEqualTo(ExitCode.USAGE);
        assertThat(fullErr).contains("cimatrix scan: cannot write to standard output: No space left on device");

        // SARIF of the example is larger than a pipe holds, so closing the pipe unread makes the writer meet it.
        Process piped = cimatrix("scan", "--format", "sarif", "examples/seed-attack").start();
        piped.getInputStream().close();
        String pipedErr = new String(piped.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(piped.waitFor()).as(pipedErr).isEqualTo(ExitCode.FINDINGS);
        assertThat(pipedErr).isEmpty();
    }

    /**
     * Standard output holds the report alone: hcl4j prints a trace of every Terraform {@code for} expression it
     * evaluates to System.out, which once came before the JSON report and made it unreadable.
     */
    @Test
    void aLibrarysOwnPrintsNeverReachTheReport(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("main.tf"), "locals {\n  names = [for n in [\"a\", \"b\"] : "
                + "upper(n) if n != \"c\"]\n}\n");
        Process scan = cimatrix("scan", "--format", "json", dir.toString()).start();
        String out = new String(scan.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(scan.waitFor()).as(out).isEqualTo(ExitCode.OK);
        assertThat(dev.cimatrix.report.Json.mapper().readTree(out).get("summary").get("files").asInt()).isEqualTo(1);
    }

    private static ProcessBuilder cimatrix(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static java.io.OutputStream failing(String reason) {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(reason);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(reason);
            }
        };
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

    /** A report replaced by a new run keeps the permissions of the one it replaces: a private report stays private. */
    @Test
    void theReplacedFileKeepsItsPermissions() throws IOException {
        Path report = Files.writeString(dir.resolve("private.json"), "earlier\n");
        for (String mode : new String[] {"rw-------", "rw-r-----", "r--r--r--"}) {
            Files.setPosixFilePermissions(report, PosixFilePermissions.fromString(mode));
            Assumptions.assumeTrue(Files.isWritable(report), "a read-only file is written only by the superuser");
            Output.write(mode + "\n", report, UNUSED);
            assertThat(report).hasContent(mode);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo(mode);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(report);
        }
    }

    /** A file with other names (hard links) is written in place, so that every name shows the new report. */
    @Test
    void aFileWithOtherNamesIsWrittenInPlace() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "earlier\n");
        Path otherName = Files.createLink(dir.resolve("latest.json"), report);
        Object inode = Files.getAttribute(report, "unix:ino");
        Output.write("new\n", report, UNUSED);
        assertThat(report).hasContent("new");
        assertThat(otherName).hasContent("new");
        assertThat(Files.getAttribute(report, "unix:ino")).isEqualTo(inode);
    }

    /** A file of another owner is written in place, as a shell's redirection would, and stays theirs. */
    @Test
    void aFileOfAnotherOwnerIsWrittenInPlace() throws IOException {
        Path report = Files.writeString(dir.resolve("theirs.json"), "earlier\n");
        var users = report.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody;
        try {
            nobody = users.lookupPrincipalByName("nobody");
            Files.setOwner(report, nobody);
        } catch (IOException e) {
            Assumptions.abort("only the superuser gives a file away: " + e);
            return;
        }
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw-rw-"));
        Output.write("new\n", report, UNUSED);
        assertThat(report).hasContent("new");
        assertThat(Files.getOwner(report)).isEqualTo(nobody);
    }

    /** A file whose mode forbids writing is refused, not replaced behind its back. */
    @Test
    void aFileTheUserMayNotWriteIsRefused() throws IOException {
        Path report = Files.writeString(dir.resolve("locked.json"), "earlier\n");
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("r--r--r--"));
        Assumptions.assumeFalse(Files.isWritable(report), "the superuser may write any file");
        assertThatThrownBy(() -> Output.write("new\n", report, UNUSED))
                .isInstanceOf(UsageException.class).hasMessage("cannot write " + report + ": permission denied");
        assertThat(report).hasContent("earlier");
    }

    @Test
    void aFolderInTheWayIsAUsageError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taken"));
        assertThatThrownBy(() -> Output.write("x\n", folder, UNUSED))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("cannot write " + folder);
    }
}
