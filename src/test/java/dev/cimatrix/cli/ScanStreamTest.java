package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A workflow can be scanned from standard input: {@code git show main:ci.yml | cimatrix scan -}, read as it comes,
 * up to the size limit. Other files that are not regular files stay refused ({@code BadInputScanTest}).
 */
class ScanStreamTest {
    private static final String WORKFLOW = """
            on: pull_request_target
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.pull_request.title }}"
            """;

    @TempDir
    Path dir;

    private static Process cimatrix(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
    }

    @Test
    void standardInputIsScannedAsTheWorkflowItHolds() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin here");
        Process scan = cimatrix(dir, "scan", "--format", "json", "-");
        try (OutputStream in = scan.getOutputStream()) {
            in.write(WORKFLOW.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("out"));
        assertThat(scan.exitValue()).as(Files.readString(dir.resolve("err"))).isEqualTo(ExitCode.FINDINGS);
        assertThat(out).contains("gha-template-injection").contains("/dev/stdin");
    }

    @Test
    void aStreamOverTheSizeLimitIsAProblemNotAHang() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin here");
        Process scan = cimatrix(dir, "scan", "-");
        byte[] chunk = "# padding line of a workflow that never ends\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Thread writer = new Thread(() -> {
            try (OutputStream in = scan.getOutputStream()) {
                for (int i = 0; i < 1000; i++) {
                    in.write(chunk);
                }
            } catch (IOException e) {
                // The scan stopped reading at its limit and closed the pipe: as it should.
            }
        });
        writer.start();
        assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
        writer.join(10_000);
        assertThat(Files.readString(dir.resolve("out"))).contains("/dev/stdin:1")
                .contains("more than the 10 MiB limit; the rest was not read");
    }
}
