package dev.cimatrix.report.scan;

import dev.cimatrix.report.scan.ScanReportWriter.Format;
import dev.cimatrix.report.scan.ScanReportWriter.Options;
import dev.cimatrix.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scan format over the sample scan, compared with its golden file. */
class ScanFormatsGoldenTest {
    private final ScanReport report = SampleScan.report();

    private String write(Format format) {
        return ScanReportWriter.write(report, format, Options.plain());
    }

    @Test
    void text() {
        Golden.assertMatches("scan/report.txt", write(Format.text));
    }

    @Test
    void json() {
        Golden.assertMatches("scan/report.json", write(Format.json));
    }

    /** The absolute URI of the scanned root depends on the checkout, so it is normalised. */
    @Test
    void sarif() {
        String rootUri = SampleScan.ROOT.toAbsolutePath().normalize().toUri().toString();
        String sarif = write(Format.sarif);
        assertThat(sarif).contains(rootUri);
        Golden.assertMatches("scan/report.sarif", sarif.replace(rootUri, "file:///ROOT/"));
    }

    @Test
    void github() {
        Golden.assertMatches("scan/report.github.txt", write(Format.github));
    }

    @Test
    void markdown() {
        Golden.assertMatches("scan/report.md", write(Format.markdown));
    }

    @Test
    void everyFormatIsTheSameOnEveryRun() {
        for (Format format : Format.values()) {
            assertThat(ScanReportWriter.write(SampleScan.report(), format, Options.plain())).as(format.name())
                    .isEqualTo(write(format));
        }
    }
}
