package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every output format of the catalog, compared with its golden file. */
class MatrixFormatsGoldenTest {
    private final Catalog catalog = Catalog.builtin();

    @Test
    void tableAt160Columns() {
        String table = new MatrixTable(catalog, false).render(160);
        assertThat(table.lines()).allMatch(l -> l.length() <= 160);
        Golden.assertMatches("matrix/table-160.txt", table);
    }

    @Test
    void tableAt100ColumnsFits() {
        String table = new MatrixTable(catalog, false).render(100);
        assertThat(table).contains("| Reconnaissance").contains("| Exfiltration");
        assertThat(table.lines()).allMatch(l -> l.length() <= 100);
        Golden.assertMatches("matrix/table-100.txt", table);
    }

    @Test
    void narrowTerminalsGetBandsOfFewerColumns() {
        String bands = new MatrixTable(catalog, false).render(60);
        assertThat(bands.lines()).allMatch(l -> l.length() <= 60);
        assertThat(bands).contains("| Reconnaissance").contains("| Impact");
        Golden.assertMatches("matrix/table-60.txt", bands);
    }

    @Test
    void veryNarrowTerminalsGetAList() {
        String list = new MatrixTable(catalog, false).render(30);
        assertThat(list.lines()).allMatch(l -> l.length() <= 30);
        assertThat(list).contains("Reconnaissance (RECON)").contains("  CICD-T044  ");
        Golden.assertMatches("matrix/list-30.txt", list);
    }

    @Test
    void tableShowsEveryCellOnce() {
        String table = new MatrixTable(catalog, false).render(200);
        for (var technique : catalog.matrixTechniques()) {
            int count = table.split(technique.id() + " ", -1).length - 1;
            assertThat(count).as(technique.id()).isEqualTo(technique.tactics().size());
        }
    }

    @Test
    void markdown() {
        Golden.assertMatches("matrix/matrix.md", new MatrixMarkdown(catalog, false).render());
    }

    @Test
    void json() {
        Golden.assertMatches("matrix/catalog.json", new CatalogJson(catalog).render());
    }

    @Test
    void stix() {
        Golden.assertMatches("matrix/stix-bundle.json", new StixBundle(catalog).render());
    }

    @Test
    void navigator() {
        Golden.assertMatches("matrix/navigator-layer.json",
                new NavigatorLayer(catalog).renderCatalog("https://example.org/cicd-stix.json"));
    }

    @Test
    void explainTechniqueAndControl() {
        ExplainText explain = new ExplainText(catalog, 100);
        Golden.assertMatches("explain/CICD-T016.txt", explain.explain("CICD-T016").orElseThrow());
        Golden.assertMatches("explain/CICD-M001.txt", explain.explain("CICD-M001").orElseThrow());
        Golden.assertMatches("explain/CICD-D001.txt", explain.explain("CICD-D001").orElseThrow());
        Golden.assertMatches("explain/EXEC.txt", explain.explain("EXEC").orElseThrow());
        Golden.assertMatches("explain/github-audit.txt", explain.explain("github-audit").orElseThrow());
    }

    @Test
    void explainFindsEveryEntryByAnyCase() {
        ExplainText explain = new ExplainText(catalog, 80);
        catalog.techniques().forEach(t -> assertThat(explain.explain(t.id().toLowerCase())).as(t.id()).isPresent());
        catalog.controls().forEach(c -> assertThat(explain.explain(c.id())).as(c.id()).isPresent());
        catalog.cells().forEach(c -> assertThat(explain.explain(c.id())).as(c.id()).isPresent());
        catalog.logSources().forEach(s -> assertThat(explain.explain(s.id())).as(s.id()).isPresent());
        assertThat(explain.explain("CICD-T999")).isEmpty();
    }
}
