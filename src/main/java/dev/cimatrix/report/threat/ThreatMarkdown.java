package dev.cimatrix.report.threat;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.LogSource;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.coverage.CellCoverage;
import dev.cimatrix.coverage.CellStatus;
import dev.cimatrix.coverage.DetectiveControl;
import dev.cimatrix.coverage.DetectiveStatus;
import dev.cimatrix.coverage.PreventiveControl;
import dev.cimatrix.coverage.PreventiveStatus;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.report.scan.ScanReportWriter;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.cimatrix.report.Markdown.code;
import static dev.cimatrix.report.Markdown.escape;

/**
 * The threat-model document, in the order of the method of MATRIX.md: inputs, risks, attack paths, log sources and
 * detections per path step; then the coverage of every cell and the findings.
 */
final class ThreatMarkdown {
    private final ThreatModel model;
    private final Catalog catalog;
    private final StringBuilder md = new StringBuilder();

    private ThreatMarkdown(ThreatModel model) {
        this.model = model;
        this.catalog = model.scan().catalog();
    }

    static String render(ThreatModel model) {
        return new ThreatMarkdown(model).document();
    }

    private String document() {
        md.append("# Threat model: ").append(model.repositoriesForTitle(r -> code(r))).append("\n\n");
        md.append("Written by cimatrix ").append(model.scan().toolVersion()).append(" on ")
                .append(LocalDate.ofInstant(model.scan().clock().instant(), ZoneOffset.UTC))
                .append(". It follows the method of the CI/CD threat matrix: inputs, risks, attack paths, ")
                .append("log sources and detections, then the coverage of each of the matrix's ")
                .append(model.coverage().matrixCells().size()).append(" cells.\n\n");
        summary();
        inputs();
        declared();
        risks();
        paths();
        logSources();
        coverage();
        findings();
        return md.toString().stripTrailing() + "\n";
    }

    private void summary() {
        Map<CellStatus, Integer> counts = model.coverage().matrixCounts();
        md.append("| Covered | Partial | Gap | Unknown | Findings | Attack paths |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        md.append("| ").append(counts.get(CellStatus.COVERED)).append(" | ").append(counts.get(CellStatus.PARTIAL))
                .append(" | ").append(counts.get(CellStatus.GAP)).append(" | ").append(counts.get(CellStatus.UNKNOWN))
                .append(" | ").append(model.scan().findings().size()).append(" | ").append(model.paths().size())
                .append(" |\n\n");
    }

    private void inputs() {
        SystemInputs inputs = SystemInputs.of(model.inventory());
        md.append("## 1. Inputs\n\n### Workflows and triggers\n\n");
        if (inputs.workflows().isEmpty()) {
            md.append("No workflow was found.\n\n");
        } else {
            md.append("| Repository | Workflow | Triggers | Jobs |\n| --- | --- | --- | ---: |\n");
            for (SystemInputs.WorkflowInput w : inputs.workflows()) {
                md.append("| ").append(code(model.repositoryOf(w.path()))).append(" | ").append(code(w.path()))
                        .append(w.name().isEmpty() ? "" : " " + escape(w.name())).append(" | ")
                        .append(w.triggers().stream().map(t -> code(t)).collect(Collectors.joining(" ")))
                        .append(" | ").append(w.jobs()).append(" |\n");
            }
            md.append('\n');
        }
        md.append("### Personas\n\n");
        if (inputs.personas().isEmpty()) {
            md.append("No persona reaches the workflows through their triggers or dependencies.\n\n");
        } else {
            md.append("| Persona | How | Files |\n| --- | --- | --- |\n");
            for (SystemInputs.Persona p : inputs.personas()) {
                md.append("| ").append(escape(p.name())).append(" | ").append(escape(p.how())).append(" | ")
                        .append(p.workflows().stream().map(w -> code(w)).collect(Collectors.joining(" "))).append(" |\n");
            }
            md.append('\n');
        }
        md.append("### Components\n\n");
        if (inputs.components().isEmpty()) {
            md.append("The workflows name no runner, environment, action or image.\n\n");
        } else {
            md.append("| Kind | Name | Used by |\n| --- | --- | --- |\n");
            for (SystemInputs.Component c : inputs.components()) {
                md.append("| ").append(c.kind()).append(" | ").append(code(c.name())).append(" | ")
                        .append(c.workflows().stream().map(w -> code(w)).collect(Collectors.joining(" "))).append(" |\n");
            }
            md.append('\n');
        }
        if (!inputs.settings().isEmpty()) {
            md.append("### Settings\n\n| File | Of | States | Not read |\n| --- | --- | --- | --- |\n");
            for (SystemInputs.SettingsInput s : inputs.settings()) {
                md.append("| ").append(code(s.path())).append(" | ").append(escape(s.of())).append(" | ")
                        .append(escape(s.states().isEmpty() ? "nothing cimatrix judges" : String.join(", ", s.states())))
                        .append(" | ").append(escape(String.join(", ", s.unread()))).append(" |\n");
            }
            md.append('\n');
        }
    }

    /** What the model file declares and what nobody said: the inputs the files cannot show. */
    private void declared() {
        DeclaredModel declared = model.declared();
        if (!declared.isAbsent()) {
            md.append("### Declared in ").append(code(declared.path())).append("\n\n");
            md.append("| Kind | Id | Details |\n| --- | --- | --- |\n");
            for (DeclaredModel.Component c : declared.components()) {
                row("component", c.id(), c.type() + (c.exposure() == null ? "" : ", " + c.exposure()));
            }
            for (DeclaredModel.Asset a : declared.assets()) {
                row("asset", a.id(), a.kind() + ", " + a.criticality() + (a.in() == null ? "" : ", in " + a.in()));
            }
            for (DeclaredModel.Persona p : declared.personas()) {
                row("persona", p.id(), p.kind());
            }
            for (DeclaredModel.Identity i : declared.identities()) {
                row("identity", i.id(), i.kind() + (i.grants().isEmpty() ? "" : ", grants " + String.join(", ", i.grants())));
            }
            md.append('\n');
        }
        if (!model.unknowns().isEmpty()) {
            md.append("### Not known\n\nNeither the files nor the declared model say:\n\n");
            model.unknowns().forEach(u -> md.append("- ").append(escape(u)).append('\n'));
            md.append('\n');
        }
    }

    private void row(String kind, String id, String details) {
        md.append("| ").append(kind).append(" | ").append(code(id)).append(" | ").append(escape(details)).append(" |\n");
    }

    private void risks() {
        md.append("## 2. Risks\n\nThe cells where the scanned files give an attacker a way in, by tactic.\n\n");
        List<CellCoverage> risky = model.coverage().cells().stream().filter(c -> !c.findings().isEmpty()).toList();
        if (risky.isEmpty()) {
            md.append("No check found a weakness.\n\n");
            return;
        }
        md.append("| Cell | Technique | Findings | Worst | Status |\n| --- | --- | ---: | --- | --- |\n");
        for (CellCoverage c : risky) {
            Severity worst = c.findings().stream().map(Finding::severity).max(Comparator.naturalOrder()).orElseThrow();
            md.append("| ").append(code(c.id())).append(" | ").append(escape(c.cell().technique().name())).append(" | ")
                    .append(c.findings().size()).append(" | ").append(worst.label()).append(" | ")
                    .append(c.status().label()).append(" |\n");
        }
        md.append('\n');
    }

    private void paths() {
        md.append("## 3. Attack paths\n\n");
        if (model.paths().isEmpty()) {
            md.append("No attack path was computed for this report.\n\n");
            return;
        }
        for (AttackPath path : model.paths()) {
            md.append("### ").append(escape(path.id())).append(": ").append(escape(path.entry())).append(" → ")
                    .append(escape(path.asset())).append(" (score ").append(score(path.score())).append(")\n\n");
            md.append("| # | Cell | Move | Because | Log sources | Detections |\n| ---: | --- | --- | --- | --- | --- |\n");
            int n = 1;
            for (AttackPath.Step step : path.steps()) {
                CellCoverage cell = model.coverage().cell(step.cell()).orElse(null);
                md.append("| ").append(n++).append(" | ").append(code(step.cell())).append(" | ")
                        .append(escape(step.from())).append(" → ").append(escape(step.to())).append(" | ")
                        .append(escape(step.because()))
                        .append(step.location() == null ? "" : " (" + code(step.location().path() + ":"
                                + step.location().startLine()) + ")")
                        .append(" | ").append(cell == null ? "" : logSourcesOf(cell)).append(" | ")
                        .append(cell == null ? "" : detectionsOf(cell)).append(" |\n");
            }
            md.append('\n');
        }
    }

    /** The log sources that reveal a cell, each marked when it is collected. */
    private String logSourcesOf(CellCoverage cell) {
        Set<String> sources = new TreeSet<>();
        cell.detective().forEach(d -> sources.addAll(d.control().logSourceIds()));
        if (sources.isEmpty()) {
            return "none known";
        }
        return sources.stream().map(s -> code(s) + (model.collectedLogSources().contains(s) ? " (collected)" : ""))
                .collect(Collectors.joining(", "));
    }

    /** The rules that cover a cell, by title, and the detective controls in place. */
    private String detectionsOf(CellCoverage cell) {
        List<DetectiveControl> inPlace = cell.detective().stream()
                .filter(d -> d.status() == DetectiveStatus.IMPLEMENTED
                        || d.status() == DetectiveStatus.DECLARED).toList();
        Map<String, String> titles = model.rules().stream()
                .collect(Collectors.toMap(Rule::key, Rule::title, (a, b) -> a));
        String rules = cell.detections().isEmpty() ? "no rule"
                : cell.detections().stream().map(r -> escape(titles.getOrDefault(r, r))).sorted()
                .collect(Collectors.joining("; "));
        return inPlace.isEmpty() ? rules + "; none in place"
                : rules + "; in place: " + inPlace.stream().map(d -> d.control().id()).collect(Collectors.joining(", "));
    }

    private void logSources() {
        md.append("## 4. Log sources and detections\n\n");
        Map<String, List<Rule>> bySource = new TreeMap<>();
        for (Rule rule : model.rules()) {
            if (rule.source() != null) {
                bySource.computeIfAbsent(rule.source().id(), k -> new ArrayList<>()).add(rule);
            }
        }
        md.append("| Log source | Collected | Rules | Detective controls |\n| --- | --- | ---: | --- |\n");
        for (LogSource source : catalog.logSources()) {
            List<Rule> rules = bySource.getOrDefault(source.id(), List.of());
            Set<String> controls = rules.stream().map(Rule::control).filter(c -> c != null)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (rules.isEmpty() && !model.collectedLogSources().contains(source.id())) {
                continue;
            }
            md.append("| ").append(code(source.id())).append(" ").append(escape(source.name())).append(" | ")
                    .append(model.collectedLogSources().contains(source.id()) ? "yes" : "not declared").append(" | ")
                    .append(rules.size()).append(" | ").append(String.join(", ", controls)).append(" |\n");
        }
        md.append("\nA rule counts as detection only when its log source is collected: declare the log sources ")
                .append("in the model file, or pass logs with `--logs`.\n\n");
    }

    private void coverage() {
        md.append("## 5. Coverage of the matrix\n\n");
        md.append("Preventive controls count as verified when a check that verifies them ran and found nothing; ")
                .append("detective controls when an enabled rule implements them over a collected log source. ")
                .append("Counts are pass/fail/unknown for preventive and in place/rule only/missing for detective.\n\n");
        for (Tactic tactic : catalog.tactics()) {
            List<CellCoverage> cells = model.coverage().cells().stream()
                    .filter(c -> c.cell().tactic().equals(tactic)).toList();
            if (cells.isEmpty()) {
                continue;
            }
            md.append("### ").append(tactic.id()).append(" ").append(escape(tactic.name())).append("\n\n");
            md.append("| Cell | Technique | Status | Preventive | Detective | Why |\n| --- | --- | --- | --- | --- | --- |\n");
            for (CellCoverage c : cells) {
                md.append("| ").append(code(c.id())).append(" | ").append(escape(c.cell().technique().name()))
                        .append(c.cell().technique().isExtension() ? " (extension)" : "").append(" | **")
                        .append(c.status().label()).append("** | ").append(preventiveCounts(c.preventive()))
                        .append(" | ").append(detectiveCounts(c.detective())).append(" | ")
                        .append(escape(String.join("; ", c.reasons()))).append(" |\n");
            }
            md.append('\n');
        }
        List<PreventiveControl> verified = model.coverage().cells().stream().flatMap(c -> c.preventive().stream())
                .filter(p -> !p.checks().isEmpty()).collect(Collectors.toMap(p -> p.control().id(), p -> p, (a, b) -> a,
                        TreeMap::new)).values().stream().toList();
        if (!verified.isEmpty()) {
            md.append("### Controls verified by checks\n\n| Control | Status | Why |\n| --- | --- | --- |\n");
            for (PreventiveControl p : verified) {
                md.append("| ").append(p.control().id()).append(" ").append(escape(p.control().name())).append(" | ")
                        .append(p.status().label()).append(" | ").append(escape(p.reason())).append(" |\n");
            }
            md.append('\n');
        }
    }

    private static String preventiveCounts(List<PreventiveControl> controls) {
        Map<PreventiveStatus, Long> n = new EnumMap<>(PreventiveStatus.class);
        controls.forEach(c -> n.merge(c.status(), 1L, Long::sum));
        long verified = n.getOrDefault(PreventiveStatus.PASS, 0L)
                + n.getOrDefault(PreventiveStatus.DECLARED, 0L);
        long failing = n.getOrDefault(PreventiveStatus.FAIL, 0L)
                + n.getOrDefault(PreventiveStatus.ABSENT, 0L);
        return verified + "/" + failing + "/" + n.getOrDefault(PreventiveStatus.UNKNOWN, 0L);
    }

    private static String detectiveCounts(List<DetectiveControl> controls) {
        long inPlace = controls.stream().filter(d -> d.status() == DetectiveStatus.IMPLEMENTED
                || d.status() == DetectiveStatus.DECLARED).count();
        long ruleOnly = controls.stream().filter(d -> d.status() == DetectiveStatus.AVAILABLE).count();
        return inPlace + "/" + ruleOnly + "/" + (controls.size() - inPlace - ruleOnly);
    }

    /** The scan's own Markdown findings section, one level down under this document's heading. */
    private void findings() {
        String scan = ScanReportWriter.write(model.scan(), ScanReportWriter.Format.markdown,
                ScanReportWriter.Options.plain());
        md.append("## 6. Findings").append(scan.substring(scan.indexOf('\n'))).append('\n');
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }
}
