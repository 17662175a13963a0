package dev.cimatrix.report.scan;

import tools.jackson.core.exc.JacksonIOException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

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
        StringWriter out = new StringWriter();
        try {
            write(report, format, options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Writes the report to {@code out}, which stays open. SARIF and JSON, the large formats, are written as
     * they are produced instead of being built in memory first.
     */
    public static void write(ScanReport report, Format format, Options options, Writer out) throws IOException {
        try {
            switch (format) {
                case text -> out.write(ScanText.render(report, options.color()));
                case json -> ScanJson.write(report, out);
                case sarif -> ScanSarif.write(report, out);
                case github -> out.write(GithubAnnotations.render(report));
                case markdown -> out.write(ScanMarkdown.render(report));
            }
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
