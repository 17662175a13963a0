package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.report.scan.ScanReportWriter.Format;
import dev.cimatrix.report.scan.ScanReportWriter.Options;
import dev.cimatrix.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scan format over the sample scan, compared with its golden file, and what holds for all of them. */
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

    @Test
    void credentialsQuotedInMessagesAreMaskedInEveryFormat() {
        Finding finding = SampleScan.finding("gha-hardcoded-credential", "password: hunter22 is written in the file",
                Severity.HIGH, Confidence.HIGH,
                Location.line(SampleScan.RELEASE, 12, ""), List.of(new RelatedLocation(
                        Location.line(SampleScan.RELEASE, 3, ""), "token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8")),
                List.of("CRED/CICD-T029"), "", Map.of());
        ReadProblem problem = new ReadProblem(Location.line(SampleScan.BROKEN, 2, ""), "bad line: password: hunter22", true);
        ScanReport report = SampleScan.report(SampleScan.ROOT, List.of(finding), List.of(problem), List.of());
        for (Format format : Format.values()) {
            String out = ScanReportWriter.write(report, format, Options.plain());
            assertThat(out).as(format.name()).contains("password: hu").doesNotContain("hunter22")
                    .doesNotContain("A1b2C3d4");
        }
    }
}
