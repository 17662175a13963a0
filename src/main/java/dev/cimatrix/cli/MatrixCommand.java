package dev.cimatrix.cli;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.report.matrix.CatalogJson;
import dev.cimatrix.report.matrix.MatrixMarkdown;
import dev.cimatrix.report.matrix.MatrixTable;
import dev.cimatrix.report.matrix.NavigatorLayer;
import dev.cimatrix.report.matrix.StixBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "matrix", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the CI/CD threat matrix: tactics, techniques, controls and log sources.", ""},
        footer = {"", "Examples:",
                "  # the matrix, fitted to the terminal",
                "  cimatrix matrix",
                "  # ATT&CK Navigator custom data, and a layer that loads it from its address",
                "  cimatrix matrix -f stix -o cicd.json",
                "  cimatrix matrix -f navigator --custom-data-url https://example.org/cicd.json"})
final class MatrixCommand implements Callable<Integer> {
    enum Format { table, markdown, json, stix, navigator }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Width of the table (default: the terminal's, or 120 when not a terminal).")
    Integer width;

    @Option(names = "--extensions", description = "Include extension techniques (CICD-T101 upward) in the table and Markdown.")
    boolean extensions;

    @Option(names = "--custom-data-url", paramLabel = "URL",
            description = "With --format navigator: where Navigator finds the STIX bundle of --format stix.")
    String customDataUrl;

    @Override
    public Integer call() {
        if (width != null) {
            UsageException.requireAtLeast("--width", width, 20);
        }
        Catalog catalog = Catalog.builtin();
        String text = switch (format) {
            case table -> new MatrixTable(catalog, extensions).render(width != null ? width : Terminal.width());
            case markdown -> new MatrixMarkdown(catalog, extensions).render();
            case json -> new CatalogJson(catalog).render();
            case stix -> new StixBundle(catalog).render();
            case navigator -> new NavigatorLayer(catalog).renderCatalog(customDataUrl);
        };
        Output.write(text, output, spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
