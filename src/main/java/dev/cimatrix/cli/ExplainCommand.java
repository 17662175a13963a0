package dev.cimatrix.cli;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.LogSource;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.report.matrix.ExplainText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Explain a catalog entry: a technique (CICD-T016), a cell (EXEC/CICD-T016), a control "
                + "(CICD-M001, CICD-D001), a tactic (EXEC), a log source (github-audit) or a scan check "
                + "(gha-template-injection).", ""})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The id to explain.")
    String id;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Wrap text at this width (default: the terminal's).")
    Integer width;

    @Override
    public Integer call() {
        if (width != null) {
            UsageException.requireAtLeast("--width", width, 20);
        }
        Catalog catalog = Catalog.builtin();
        int columns = width != null ? width : Math.min(Terminal.width(), 100);
        String text = new ExplainText(catalog, columns).explain(id)
                .orElseThrow(() -> new UsageException(detectionRule(id).orElseGet(() -> unknown(catalog, id))));
        Output.write(text, null, spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** A detection rule's id or name is not a catalog entry, but `rules show` explains it: say so. */
    private static Optional<String> detectionRule(String id) {
        List<Rule> rules = RuleSet.builder().builtin().build().matching(id.trim());
        return rules.isEmpty() ? Optional.empty() : Optional.of("'" + id.trim() + "' is a detection rule, not a "
                + "catalog entry; `cimatrix rules show " + id.trim() + "` explains it");
    }

    private static String unknown(Catalog catalog, String id) {
        List<String> ids = new ArrayList<>();
        catalog.techniques().stream().map(Technique::id).forEach(ids::add);
        catalog.controls().stream().map(Control::id).forEach(ids::add);
        catalog.tactics().stream().map(Tactic::id).forEach(ids::add);
        catalog.logSources().stream().map(LogSource::id).forEach(ids::add);
        catalog.cells().stream().map(Cell::id).forEach(ids::add);
        catalog.checks().stream().map(CheckInfo::id).forEach(ids::add);
        List<String> close = ClosestIds.to(id, ids, 3);
        String valid = "valid ids: techniques " + first(catalog.techniques().stream().map(Technique::id))
                + ", preventive controls " + first(catalog.controls().stream()
                        .filter(c -> c.kind() == ControlKind.PREVENTIVE).map(Control::id))
                + ", detective controls " + first(catalog.controls().stream()
                        .filter(c -> c.kind() == ControlKind.DETECTIVE).map(Control::id))
                + ", tactics " + String.join(" ", catalog.tactics().stream().map(Tactic::id).toList())
                + ", log sources such as github-audit, scan checks such as gha-template-injection; "
                + "`cimatrix matrix --format json` lists them all";
        return "unknown id '" + id + "'" + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)")
                + "; " + valid;
    }

    private static String first(Stream<String> ids) {
        List<String> all = ids.toList();
        return all.isEmpty() ? "-" : all.get(0) + ".." + all.get(all.size() - 1);
    }
}
