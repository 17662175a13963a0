package dev.cimatrix.report.threat;

/** The one entry point of the threat-model formats: the {@code report} command picks a format and gets the text. */
public final class ThreatReportWriter {
    /** The values of {@code report --format}. */
    public enum Format { html, markdown, navigator }

    private ThreatReportWriter() {
    }

    public static String write(ThreatModel model, Format format) {
        return switch (format) {
            case html -> ThreatHtml.render(model);
            case markdown -> ThreatMarkdown.render(model);
            case navigator -> CoverageLayer.render(model);
        };
    }
}
