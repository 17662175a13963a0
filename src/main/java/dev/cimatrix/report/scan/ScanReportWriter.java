package dev.cimatrix.report.scan;

/** The one entry point of the scan formats: the {@code scan} command picks a format and gets the text. */
public final class ScanReportWriter {
    /** The values of {@code scan --format}. */
    public enum Format { text, json, sarif, github, markdown }

    /**
     * How to write, beyond the format.
     *
     * @param color colour in text output; the caller sets it when writing to a terminal and NO_COLOR is unset
     */
    public record Options(boolean color) {
        public static Options plain() {
            return new Options(false);
        }
    }

    private ScanReportWriter() {
    }

    public static String write(ScanReport report, Format format, Options options) {
        return switch (format) {
            case text -> ScanText.render(report, options.color());
            case json -> ScanJson.render(report);
            case sarif -> ScanSarif.render(report);
            case github -> GithubAnnotations.render(report);
            case markdown -> ScanMarkdown.render(report);
        };
    }
}
