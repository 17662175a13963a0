package dev.cimatrix.coverage;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.coverage.Declarations.DeclaredControl;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageAnalyzerTest {
    private static final Catalog CATALOG = Catalog.builtin();
    private static final CheckInfo UNPINNED = CATALOG.check("gha-unpinned-uses").orElseThrow();
    private static final String SUPPLY_CHAIN = "INIT/CICD-T006";
    private static final List<Rule> BUILTIN_RULES = RuleSet.builder().builtin().build().rules();

    private final CoverageAnalyzer analyzer = new CoverageAnalyzer(CATALOG);

    @Test
    void everyCellOfTheMatrixIsJudged() {
        Coverage coverage = analyzer.analyze(ran(List.of()), false, List.of(), Declarations.none());

        assertThat(coverage.matrixCells()).hasSize(49);
        assertThat(coverage.cells()).hasSize(CATALOG.cells().size());
        assertThat(coverage.matrixCounts().get(CellStatus.UNKNOWN)).isEqualTo(49);
    }

    @Test
    void aCleanCheckOverNoDefinitionProvesNothing() {
        CellCoverage cell = cell(analyzer.analyze(ran(List.of()), false, List.of(), Declarations.none()));

        PreventiveControl pinning = preventive(cell, "CICD-M001");
        assertThat(pinning.status()).isEqualTo(PreventiveStatus.UNKNOWN);
        assertThat(pinning.reason()).contains("no CI definition was scanned");
        assertThat(preventive(cell, "CICD-M002").reason()).isEqualTo("no check verifies it and it is not declared");
    }

    @Test
    void aCleanCheckPassesItsControlAndTheCellIsPartialWithoutDetection() {
        CellCoverage cell = cell(analyzer.analyze(ran(List.of()), true, List.of(), Declarations.none()));

        assertThat(preventive(cell, "CICD-M001").status()).isEqualTo(PreventiveStatus.PASS);
        assertThat(preventive(cell, "CICD-M001").checks()).containsExactly("gha-unpinned-uses");
        assertThat(cell.status()).isEqualTo(CellStatus.PARTIAL);
        assertThat(cell.reasons()).containsExactly("prevented by CICD-M001", "no detection in place");
    }

    @Test
    void aFindingFailsTheControlAndOpensAGap() {
        Finding finding = unpinnedFinding();
        CellCoverage cell = cell(analyzer.analyze(ran(List.of(finding)), true, List.of(),
                Declarations.of(List.of(new DeclaredControl("CICD-M001", "implemented", "org policy")), Set.of())));

        PreventiveControl pinning = preventive(cell, "CICD-M001");
        assertThat(pinning.status()).isEqualTo(PreventiveStatus.FAIL);
        assertThat(pinning.findings()).containsExactly(finding);
        assertThat(pinning.reason()).isEqualTo("1 finding of gha-unpinned-uses, although it is declared in place");
        assertThat(cell.status()).isEqualTo(CellStatus.GAP);
        assertThat(cell.findings()).containsExactly(finding);
    }

    @Test
    void rulesWithoutACollectedLogSourceAreOnlyAvailable() {
        CellCoverage cell = cell(analyzer.analyze(ran(List.of()), true, BUILTIN_RULES, Declarations.none()));

        DetectiveControl d009 = detective(cell, "CICD-D009");
        assertThat(d009.status()).isEqualTo(DetectiveStatus.AVAILABLE);
        assertThat(d009.reason()).matches("\\d+ rules present, log source not declared: github-audit");
        assertThat(cell.detections()).isNotEmpty();
        assertThat(cell.status()).isEqualTo(CellStatus.PARTIAL);
        assertThat(cell.reasons()).contains("rules exist but their log sources are not declared as collected");
    }

    @Test
    void aRuleOverACollectedLogSourceImplementsItsControlAndCoversTheCell() {
        Declarations declarations = Declarations.of(List.of(), Set.of("github-audit"));
        CellCoverage cell = cell(analyzer.analyze(ran(List.of()), true, BUILTIN_RULES, declarations));

        assertThat(detective(cell, "CICD-D009").status()).isEqualTo(DetectiveStatus.IMPLEMENTED);
        assertThat(cell.status()).isEqualTo(CellStatus.COVERED);
        assertThat(cell.reasons()).containsExactly("prevented by CICD-M001", "detected by CICD-D009");
    }

    @Test
    void anOpenWeaknessThatIsDetectedIsPartial() {
        Declarations declarations = Declarations.of(List.of(), Set.of("github-audit"));
        CellCoverage cell = cell(analyzer.analyze(ran(List.of(unpinnedFinding())), true, BUILTIN_RULES, declarations));

        assertThat(cell.status()).isEqualTo(CellStatus.PARTIAL);
        assertThat(cell.reasons()).containsExactly("1 finding open in this cell; failing CICD-M001",
                "detected by CICD-D009");
    }

    @Test
    void retiredRulesDoNotCount() {
        Rule retired = BUILTIN_RULES.stream().filter(r -> "CICD-D009".equals(r.control())).findFirst().orElseThrow();
        Rule deprecated = new Rule(retired.id(), retired.name(), retired.title(), retired.description(), "deprecated",
                retired.severity(), retired.source(), retired.tags(), retired.techniques(), retired.tactics(),
                retired.control(), retired.groupBy(), retired.file(), retired.line(), retired.text(),
                retired.detection(), retired.correlation(), retired.baseline());
        CellCoverage cell = cell(analyzer.analyze(ran(List.of()), true, List.of(deprecated),
                Declarations.of(List.of(), Set.of("github-audit"))));

        assertThat(detective(cell, "CICD-D009").status()).isEqualTo(DetectiveStatus.MISSING);
        assertThat(cell.detections()).isEmpty();
    }

    @Test
    void declarationsStandInWhereNoCheckOrRuleReaches() {
        String mining = "IMPT/CICD-T040";
        AnalysisResult noChecks = new AnalysisResult(List.of(), List.of(), 0, 0, List.of());
        Declarations absent = Declarations.of(List.of(new DeclaredControl("CICD-M017", "planned", "")), Set.of());
        CellCoverage gap = analyzer.analyze(noChecks, true, List.of(), absent).cell(mining).orElseThrow();
        assertThat(gap.status()).isEqualTo(CellStatus.GAP);
        assertThat(gap.reasons()).containsExactly("declared not in place: CICD-M017");
        assertThat(preventive(gap, "CICD-M017").reason()).isEqualTo("declared planned");

        Declarations inPlace = Declarations.of(List.of(new DeclaredControl("CICD-M017", "implemented", "runner quotas"),
                new DeclaredControl("CICD-D045", "implemented", "")), Set.of());
        CellCoverage covered = analyzer.analyze(noChecks, true, List.of(), inPlace).cell(mining).orElseThrow();
        assertThat(preventive(covered, "CICD-M017").reason()).isEqualTo("declared in place (evidence: runner quotas)");
        assertThat(detective(covered, "CICD-D045").status()).isEqualTo(DetectiveStatus.DECLARED);
        assertThat(covered.status()).isEqualTo(CellStatus.COVERED);
    }

    @Test
    void aCheckThatFoundNothingOfItsKindToLookAtVerifiesNothing() throws Exception {
        Path root = Path.of("src", "test", "resources", "scan", "repo");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        AnalysisResult result = new Analyzer(CATALOG, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.REGULAR, Set.of()).analyze(inventory);
        // Workflows but no Dependabot file and no Terraform: the checks of those had nothing to read.
        // And a policy check given no policy.
        assertThat(result.idleChecks()).contains("dependabot-cooldown", "dependabot-execution", "tf-oidc-broad-trust",
                        "gha-forbidden-uses")
                .doesNotContain("gha-unpinned-uses", "gha-excessive-permissions");
        Coverage coverage = analyzer.analyze(result, true, List.of(), Declarations.none());
        PreventiveControl installScripts = preventive(coverage.cell("EXEC/CICD-T012").orElseThrow(), "CICD-M009");
        assertThat(installScripts.status()).isEqualTo(PreventiveStatus.UNKNOWN);
        assertThat(installScripts.reason()).isEqualTo("dependabot-execution found nothing of its kind to look at, so verified nothing");
        PreventiveControl oidc = preventive(coverage.cell("PRIV/CICD-T021").orElseThrow(), "CICD-M033");
        assertThat(oidc.reason()).doesNotContain("tf-oidc-broad-trust");
    }

    @Test
    void aRealScanOfAFixtureRepositoryGivesTheSameCoverageEveryTime() throws Exception {
        Path root = Path.of("src", "test", "resources", "scan", "repo");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        Analyzer scan = new Analyzer(CATALOG, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.REGULAR, Set.of());
        AnalysisResult result = scan.analyze(inventory);

        Coverage first = analyzer.analyze(result, true, BUILTIN_RULES, Declarations.none());
        Coverage second = analyzer.analyze(scan.analyze(inventory), true, BUILTIN_RULES, Declarations.none());

        assertThat(first).isEqualTo(second);
        assertThat(result.findings()).isNotEmpty();
        for (Finding f : result.findings()) {
            for (String cellId : f.cells()) {
                CellCoverage cell = first.cell(cellId).orElseThrow();
                assertThat(cell.findings()).contains(f);
                assertThat(cell.status()).as(cellId).isEqualTo(CellStatus.GAP);
            }
        }
        assertThat(first.matrixCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(49);
    }

    /** Only gha-unpinned-uses ran, so the tests do not change when checks are added to the catalog. */
    private static AnalysisResult ran(List<Finding> findings) {
        return new AnalysisResult(findings, List.of(UNPINNED), 0, 0, List.of());
    }

    private static Finding unpinnedFinding() {
        return new Finding(UNPINNED.id(), UNPINNED.title(), "actions/setup-node@v4 is a tag its owner can move",
                Severity.LOW, Confidence.HIGH, new Location(".github/workflows/ci.yml", 9, 15, 9, 35,
                "jobs.build.steps[0].uses"), List.of(), UNPINNED.cells(), "actions/setup-node", "fp1", Map.of());
    }

    private static CellCoverage cell(Coverage coverage) {
        return coverage.cell(SUPPLY_CHAIN).orElseThrow();
    }

    private static PreventiveControl preventive(CellCoverage cell, String id) {
        return cell.preventive().stream().filter(p -> p.control().id().equals(id)).findFirst().orElseThrow();
    }

    private static DetectiveControl detective(CellCoverage cell, String id) {
        return cell.detective().stream().filter(d -> d.control().id().equals(id)).findFirst().orElseThrow();
    }
}
