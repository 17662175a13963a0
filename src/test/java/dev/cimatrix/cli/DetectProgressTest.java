package dev.cimatrix.cli;

import dev.cimatrix.detect.Detector;
import dev.cimatrix.detect.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DetectProgressTest {
    private static final RuleSet RULES = RuleSet.builder().add("rule.yml", """
            title: repository created
            logsource: {product: github, service: audit}
            detection:
              selection: {action: repo.create}
              condition: selection
            """).build();

    @TempDir
    Path dir;

    @Test
    void describesTheFileAndHowMuchOfItIsRead() {
        assertThat(DetectProgress.describe(null, 0, 1, 0, -1)).isNull();
        assertThat(DetectProgress.describe("audit.jsonl", 1, 1, 512L << 20, 1L << 30))
                .isEqualTo("reading audit.jsonl: 512 MiB of 1.0 GiB, 50%");
        assertThat(DetectProgress.describe("b.jsonl.gz", 2, 3, 1536, 4096))
                .isEqualTo("reading b.jsonl.gz (file 2 of 3): 1.5 KiB of 4.0 KiB, 37%");
        // A pipe has no size: only what was read.
        assertThat(DetectProgress.describe("/dev/stdin", 1, 1, 300, -1)).isEqualTo("reading /dev/stdin: 300 B");
        // A file that grew while read never shows more than all of it.
        assertThat(DetectProgress.describe("live.jsonl", 1, 1, 2000, 1000)).endsWith(", 100%");
    }

    @Test
    void aFileReadOldestFirstCountsTheEventsHandedOn() {
        assertThat(DetectProgress.describeReordering("export.json", 2, 3, 1_500, 6_000))
                .isEqualTo("reading export.json (file 2 of 3) oldest first: 1500 of 6000 events, 25%");
        assertThat(DetectProgress.describeReordering("export.json", 1, 1, 0, 0))
                .isEqualTo("reading export.json oldest first: 0 of 0 events, 100%");
    }

    @Test
    void bytesUseBinaryUnits() {
        assertThat(DetectProgress.bytes(0)).isEqualTo("0 B");
        assertThat(DetectProgress.bytes(1023)).isEqualTo("1023 B");
        assertThat(DetectProgress.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(DetectProgress.bytes(10 * 1024 * 1024 + 1)).isEqualTo("10 MiB");
        assertThat(DetectProgress.bytes(3L << 40)).isEqualTo("3.0 TiB");
        assertThat(DetectProgress.bytes(5000L << 40)).isEqualTo("5000 TiB");
    }

    /** The line is shown once the delay has passed, rewritten in place, and cleared on close. */
    @Test
    void showsTheReadersProgressAndClearsItsLine() throws IOException, InterruptedException {
        Path log = Files.writeString(dir.resolve("events.jsonl"), "{\"action\":\"repo.create\",\"actor\":\"m\"}\n");
        Detector detector = new Detector(RULES, Detector.Options.defaults(), null, a -> { });
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text, true));
        try (DetectProgress progress = new DetectProgress(detector.progress(), 1, line).start()) {
            detector.read(log, "events.jsonl", false, () -> true);
            long deadline = System.nanoTime() + ProgressLine.DELAY_NANOS + 10_000_000_000L;
            while (text.toString().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long size = Files.size(log);
            assertThat(text.toString()).startsWith("\rreading events.jsonl: " + size + " B of " + size + " B, 100%\033[K");
        }
        assertThat(text.toString()).endsWith("\r\033[K");
    }

    /** A quick run ends before the delay and prints nothing at all. */
    @Test
    void aQuickRunPrintsNothing() {
        StringWriter text = new StringWriter();
        Detector detector = new Detector(RULES, Detector.Options.defaults(), null, a -> { });
        new DetectProgress(detector.progress(), 1, new ProgressLine(new PrintWriter(text, true))).start().close();
        assertThat(text.toString()).isEmpty();
    }
}
