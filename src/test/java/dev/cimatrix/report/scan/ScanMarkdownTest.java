package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Markdown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanMarkdownTest {
    @Test
    void messagesCannotBreakTablesLinksOrFormatting() {
        assertThat(Markdown.escape("a|b *c* [d](e) <img>\nnext")).isEqualTo("a\\|b \\*c\\* \\[d\\](e) \\<img\\> next");
    }

    @Test
    void linksAreRelativeAndEncoded() {
        Finding finding = SampleScan.finding("gha-unpinned-action", "x", Severity.LOW, Confidence.HIGH,
                new Location("odd (dir)/w.yml", 3, 1, 5, 2, ""), List.of(), List.of("INIT/CICD-T006"), "", Map.of());
        String md = ScanMarkdown.render(SampleScan.report(SampleScan.ROOT, List.of(finding), List.of(), List.of()));
        assertThat(md).contains("[`odd (dir)/w.yml#L3-L5`](odd%20%28dir%29/w.yml#L3-L5)");
    }

    @Test
    void remediationAppearsOncePerCheckAsTheCatalogWroteIt() {
        String md = ScanMarkdown.render(SampleScan.report());
        assertThat(md.split("\\*\\*Remediation:\\*\\*", -1)).hasSize(6);
        assertThat(md).contains("#### `gha-template-injection` Attacker-controlled expression expands into a script\n\n"
                + "**Remediation:** Do the safe thing");
    }

    @Test
    void aCleanScanHasNoTables() {
        String md = ScanMarkdown.render(SampleScan.report(SampleScan.ROOT, List.of(), List.of(), List.of()));
        assertThat(md).isEqualTo("## cimatrix scan\n\n4 files scanned, 0 findings (1 suppressed, 2 in baseline).\n");
    }
}
