package dev.cimatrix.coverage;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.coverage.Declarations.DeclaredControl;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, cell by cell, what protects the scanned system: preventive controls verified by the checks that ran (or
 * declared), detective controls implemented by enabled rules over collected log sources (or declared). Evidence beats
 * claims: a failing check outweighs a declaration that the control is in place. Deterministic: the same inputs give
 * the same output, in the catalog's order.
 */
public final class CoverageAnalyzer {
    /** Sigma statuses of rules that are kept for reference and should not count as detection. */
    private static final Set<String> RETIRED = Set.of("deprecated", "unsupported");

    private final Catalog catalog;
    private final RuleCells ruleCells;

    public CoverageAnalyzer(Catalog catalog) {
        this.catalog = catalog;
        this.ruleCells = new RuleCells(() -> catalog);
    }

    /**
     * @param analysis           the checks that ran and what they found
     * @param definitionsScanned whether any CI definition was read; without one, a clean check proves nothing
     * @param rules              the loaded detection rules; retired ones are ignored
     * @param declarations       declared controls and collected log sources
     */
    public Coverage analyze(AnalysisResult analysis, boolean definitionsScanned, List<Rule> rules,
                            Declarations declarations) {
        List<Rule> enabled = rules.stream()
                .filter(r -> r.status() == null || !RETIRED.contains(r.status().toLowerCase(Locale.ROOT)))
                .toList();
        List<CellCoverage> cells = new ArrayList<>();
        for (Cell cell : catalog.cells()) {
            cells.add(cell(cell, analysis, definitionsScanned, enabled, declarations));
        }
        return new Coverage(cells);
    }

    private CellCoverage cell(Cell cell, AnalysisResult analysis, boolean definitionsScanned, List<Rule> rules,
                              Declarations declarations) {
        String techniqueId = cell.technique().id();
        List<PreventiveControl> preventive = catalog.controlsFor(techniqueId, ControlKind.PREVENTIVE).stream()
                .map(c -> preventive(c, analysis, definitionsScanned, declarations)).toList();
        List<DetectiveControl> detective = catalog.controlsFor(techniqueId, ControlKind.DETECTIVE).stream()
                .map(c -> detective(c, rules, declarations)).toList();
        List<Finding> findings = analysis.findings().stream().filter(f -> f.cells().contains(cell.id())).toList();
        List<String> detections = rules.stream().filter(r -> ruleCells.of(r).contains(cell.id())).map(Rule::key)
                .sorted().toList();
        List<String> reasons = new ArrayList<>();
        CellStatus status = verdict(preventive, detective, findings, reasons);
        return new CellCoverage(cell, status, reasons, preventive, detective, findings, detections);
    }

    private static PreventiveControl preventive(Control control, AnalysisResult analysis, boolean definitionsScanned,
                                                Declarations declarations) {
        List<String> checks = analysis.checksRun().stream().filter(c -> c.controls().contains(control.id()))
                .map(CheckInfo::id).sorted().toList();
        List<Finding> findings = analysis.findings().stream().filter(f -> checks.contains(f.checkId())).toList();
        DeclaredControl declared = declarations.controls().get(control.id());
        if (!findings.isEmpty()) {
            String claim = declared != null && declared.inPlace() ? ", although it is declared in place" : "";
            return new PreventiveControl(control, PreventiveStatus.FAIL, checks, findings,
                    count(findings.size(), "finding") + " of " + String.join(", ", checks(findings)) + claim);
        }
        // A check that found nothing of its kind to look at (no Dependabot file, no cloud role) verifies nothing.
        List<String> looked = checks.stream().filter(c -> !analysis.idleChecks().contains(c)).toList();
        if (!looked.isEmpty() && definitionsScanned) {
            return new PreventiveControl(control, PreventiveStatus.PASS, looked, List.of(),
                    "verified by " + String.join(", ", looked) + " with no finding");
        }
        if (declared != null) {
            return new PreventiveControl(control, declared.inPlace() ? PreventiveStatus.DECLARED : PreventiveStatus.ABSENT,
                    checks, List.of(), declaredReason(declared));
        }
        String reason = checks.isEmpty() ? "no check verifies it and it is not declared"
                : definitionsScanned ? String.join(", ", checks) + " found nothing of " + (checks.size() == 1 ? "its" : "their")
                        + " kind to look at, so verified nothing"
                : "no CI definition was scanned, so " + String.join(", ", checks) + " had nothing to verify";
        return new PreventiveControl(control, PreventiveStatus.UNKNOWN, checks, List.of(), reason);
    }

    private static DetectiveControl detective(Control control, List<Rule> rules, Declarations declarations) {
        List<Rule> implementing = rules.stream().filter(r -> control.id().equals(r.control())).toList();
        List<String> keys = implementing.stream().map(Rule::key).sorted().toList();
        List<Rule> collected = implementing.stream().filter(r -> r.source() != null)
                .filter(r -> declarations.logSources().contains(r.source().id())).toList();
        if (!collected.isEmpty()) {
            return new DetectiveControl(control, DetectiveStatus.IMPLEMENTED, keys,
                    count(collected.size(), "rule") + " over collected " + String.join(", ", sources(collected)));
        }
        DeclaredControl declared = declarations.controls().get(control.id());
        if (declared != null) {
            return new DetectiveControl(control, declared.inPlace() ? DetectiveStatus.DECLARED : DetectiveStatus.ABSENT,
                    keys, declaredReason(declared));
        }
        if (!implementing.isEmpty()) {
            return new DetectiveControl(control, DetectiveStatus.AVAILABLE, keys, count(keys.size(), "rule")
                    + " present, log source not declared: " + String.join(", ", sources(implementing)));
        }
        return new DetectiveControl(control, DetectiveStatus.MISSING, keys, "no enabled rule implements it and it is not declared");
    }

    /**
     * The cell's verdict. An open weakness (a finding in the cell, or a failing control of its technique) makes a
     * gap unless a detection would reveal its use; otherwise the cell is
     * covered with both kinds of control, partial with one, a gap when controls are known to be absent, and unknown
     * when nothing could be verified.
     */
    private static CellStatus verdict(List<PreventiveControl> preventive, List<DetectiveControl> detective,
                                      List<Finding> findings, List<String> reasons) {
        List<String> prevented = ids(preventive.stream()
                .filter(p -> p.status() == PreventiveStatus.PASS || p.status() == PreventiveStatus.DECLARED)
                .map(PreventiveControl::control).toList());
        List<String> failing = ids(preventive.stream().filter(p -> p.status() == PreventiveStatus.FAIL)
                .map(PreventiveControl::control).toList());
        List<String> detected = ids(detective.stream()
                .filter(d -> d.status() == DetectiveStatus.IMPLEMENTED || d.status() == DetectiveStatus.DECLARED)
                .map(DetectiveControl::control).toList());
        List<String> absent = ids(preventive.stream().filter(p -> p.status() == PreventiveStatus.ABSENT)
                .map(PreventiveControl::control).toList());
        absent.addAll(ids(detective.stream().filter(d -> d.status() == DetectiveStatus.ABSENT)
                .map(DetectiveControl::control).toList()));
        boolean rulesAvailable = detective.stream().anyMatch(d -> d.status() == DetectiveStatus.AVAILABLE);

        if (!findings.isEmpty() || !failing.isEmpty()) {
            List<String> open = new ArrayList<>();
            if (!findings.isEmpty()) {
                open.add(count(findings.size(), "finding") + " open in this cell");
            }
            if (!failing.isEmpty()) {
                open.add("failing " + String.join(", ", failing));
            }
            reasons.add(String.join("; ", open));
            if (!detected.isEmpty()) {
                reasons.add("detected by " + String.join(", ", detected));
                return CellStatus.PARTIAL;
            }
            reasons.add(rulesAvailable ? "rules exist but their log sources are not declared as collected"
                    : "no detection in place");
            return CellStatus.GAP;
        }
        if (!prevented.isEmpty()) {
            reasons.add("prevented by " + String.join(", ", prevented));
        }
        if (!detected.isEmpty()) {
            reasons.add("detected by " + String.join(", ", detected));
        }
        if (!prevented.isEmpty() && !detected.isEmpty()) {
            return CellStatus.COVERED;
        }
        if (!prevented.isEmpty() || !detected.isEmpty()) {
            reasons.add(prevented.isEmpty() ? "no preventive control verified or declared"
                    : rulesAvailable ? "rules exist but their log sources are not declared as collected"
                    : "no detection in place");
            return CellStatus.PARTIAL;
        }
        if (!absent.isEmpty()) {
            reasons.add("declared not in place: " + String.join(", ", absent));
            return CellStatus.GAP;
        }
        if (preventive.isEmpty() && detective.isEmpty()) {
            reasons.add("the catalog lists no control for this technique");
        } else {
            reasons.add("no control verified, declared or detected"
                    + (rulesAvailable ? "; rules exist but their log sources are not declared as collected" : ""));
        }
        return CellStatus.UNKNOWN;
    }

    private static List<String> ids(List<Control> controls) {
        return new ArrayList<>(controls.stream().map(Control::id).toList());
    }

    private static List<String> sources(List<Rule> rules) {
        return rules.stream().map(r -> r.source() == null ? "several sources" : r.source().id()).distinct().sorted()
                .toList();
    }

    private static List<String> checks(List<Finding> findings) {
        return findings.stream().map(Finding::checkId).distinct().sorted().toList();
    }

    private static String declaredReason(DeclaredControl declared) {
        return (declared.inPlace() ? "declared in place" : "declared " + declared.status())
                + (declared.evidence().isEmpty() ? "" : " (evidence: " + declared.evidence() + ")");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
