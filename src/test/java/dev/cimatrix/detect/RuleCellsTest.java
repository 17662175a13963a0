package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCellsTest {
    private static final RuleCells CELLS = RuleCells.builtin();

    private static Rule rule(String... tags) {
        String yaml = """
                title: cells
                id: 6a1f0c52-5c43-4b0e-9d61-2f2b8c1e7a10
                logsource:
                    product: github
                    service: audit
                tags: [%s]
                detection:
                    selection:
                        action: repo.create
                    condition: selection
                level: low
                """.formatted(String.join(", ", tags));
        RuleSet set = RuleSet.builder().add("cells.yml", yaml).build();
        assertThat(set.refused()).isEmpty();
        return set.rules().get(0);
    }

    @Test
    void aTechniqueGoesUnderTheTaggedTacticsItHas() {
        // CICD-T012 is in EXEC and PERS; the rule names PERS.
        assertThat(CELLS.of(rule("cicd.pers", "cicd.t012"))).containsExactly("PERS/CICD-T012");
    }

    @Test
    void aTechniqueNoneOfWhoseTacticsIsTaggedGoesUnderItsOwnTactics() {
        // The tactic tag belongs to CICD-T004 (INIT); CICD-T029 is a CRED technique and never an INIT cell.
        assertThat(CELLS.of(rule("cicd.t004", "cicd.init", "cicd.t029")))
                .containsExactly("INIT/CICD-T004", "CRED/CICD-T029");
        assertThat(CELLS.of(rule("cicd.exfl", "cicd.t037", "cicd.t012")))
                .containsExactly("EXFL/CICD-T037", "EXEC/CICD-T012", "PERS/CICD-T012");
    }

    @Test
    void withoutTacticTagsEveryTacticOfTheTechniqueCounts() {
        assertThat(CELLS.of(rule("cicd.t016"))).containsExactly("EXEC/CICD-T016", "PERS/CICD-T016");
    }

    @Test
    void aTechniqueTheCatalogDoesNotKnowStaysUnderTheTaggedTactics() {
        assertThat(CELLS.of(rule("cicd.exec", "cicd.t999"))).containsExactly("EXEC/CICD-T999");
        assertThat(CELLS.of(rule("attack.execution"))).isEmpty();
    }

    @Test
    void everyBuiltInRuleCoversOnlyCellsOfTheMatrixAndEachOfItsTechniques() {
        Set<String> matrix = Catalog.builtin().cells().stream().map(Cell::id).collect(Collectors.toSet());
        RuleSet pack = RuleSet.builder().builtin().build();
        assertThat(pack.rules()).isNotEmpty();
        for (Rule r : pack.rules()) {
            List<String> cells = CELLS.of(r);
            assertThat(matrix).as("cells of %s", r.file()).containsAll(cells);
            for (String technique : r.techniques()) {
                assertThat(cells).as("%s: a cell for %s", r.file(), technique)
                        .anyMatch(c -> c.endsWith("/" + technique));
            }
        }
    }

    @Test
    void unknownTechniquesTacticsAndControlsAreNamed() {
        assertThat(CELLS.unknownReferences(rule("cicd.t016", "cicd.exec", "attack.execution", "custom.tag"))).isEmpty();
        assertThat(CELLS.unknownReferences(rule("cicd.t999", "cicd.execution")))
                .containsExactly("tag cicd.t999 names no technique of the matrix, so it counts toward no cell",
                        "tag cicd.execution is neither a technique (cicd.tNNN) nor a tactic (cicd.recon, cicd.init, "
                                + "cicd.exec, cicd.pers, cicd.priv, cicd.evas, cicd.cred, cicd.latm, cicd.exfl, "
                                + "cicd.impt)");
    }

    @Test
    void aControlMissingFromTheCatalogIsNamed() {
        String yaml = """
                title: control
                logsource:
                    product: github
                    service: audit
                tags: [cicd.t016]
                control: CICD-D999
                detection:
                    selection:
                        action: repo.create
                    condition: selection
                """;
        Rule r = RuleSet.builder().add("control.yml", yaml).build().rules().get(0);
        assertThat(CELLS.unknownReferences(r)).singleElement().asString()
                .startsWith("control CICD-D999 is not in the catalog");
        Rule known = RuleSet.builder().add("control.yml", yaml.replace("CICD-D999", "CICD-D004")).build().rules()
                .get(0);
        assertThat(CELLS.unknownReferences(known)).isEmpty();
    }

    @Test
    void theBuiltInPackNamesNothingTheCatalogLacks() {
        for (Rule r : RuleSet.builder().builtin().build().rules()) {
            assertThat(CELLS.unknownReferences(r)).as(r.file()).isEmpty();
        }
    }
}
