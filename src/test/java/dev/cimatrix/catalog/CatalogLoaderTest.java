package dev.cimatrix.catalog;

import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogLoaderTest {
    private static final String TACTICS = """
            tactics:
              - {id: EXEC, name: Execution, shortName: execution, attack: [TA0002], description: Runs code.}
            """;
    private static final String TECHNIQUES = """
            techniques:
              - id: CICD-T016
                name: Modify CI/CD configurations
                tactics: [EXEC]
                description: Changes the pipeline.
                example: Edit a workflow.
                attack: [T1677]
                owasp: [CICD-SEC-4]
                suezawa: null
                microsoft: null
                incidents: [{name: Example, year: 2024}]
                references: [{title: Example, url: "https://example.org"}]
            """;
    private static final String CONTROLS = """
            controls:
              - {id: CICD-M001, name: Review, kind: preventive, techniques: [CICD-T016], platforms: [github], implementation: CODEOWNERS.}
              - id: CICD-D001
                name: Watch
                kind: detective
                techniques: [CICD-T016]
                platforms: [github]
                implementation: Alert.
                logSources: [{source: github-audit, events: [workflows.completed_workflow_run], fields: [action]}]
            """;
    private static final String LOG_SOURCES = """
            logSources:
              - {id: github-audit, name: GitHub audit log, platform: github, records: Events., collection: Stream., retention: 180 days.}
            """;

    private static Function<String, Reader> files(Map<String, String> overrides) {
        Map<String, String> files = new HashMap<>(Map.of(
                CatalogLoader.TACTICS, TACTICS,
                CatalogLoader.TECHNIQUES, TECHNIQUES,
                CatalogLoader.CONTROLS, CONTROLS,
                CatalogLoader.LOG_SOURCES, LOG_SOURCES,
                CatalogLoader.CHECKS, "checks: []\n"));
        files.putAll(overrides);
        return name -> new StringReader(files.get(name));
    }

    @Test
    void loadsAndLinksControlsToTechniques() {
        Catalog catalog = CatalogLoader.load(files(Map.of()));
        assertThat(catalog.cells()).extracting(Cell::id).containsExactly("EXEC/CICD-T016");
        assertThat(catalog.controlsFor("CICD-T016")).extracting(Control::id).containsExactly("CICD-M001", "CICD-D001");
        assertThat(catalog.technique("cicd-t016")).isPresent();
    }

    @Test
    void anUnknownTechniqueInAControlIsNamed() {
        String broken = CONTROLS.replace("techniques: [CICD-T016], platforms", "techniques: [CICD-T099], platforms");
        assertThatThrownBy(() -> CatalogLoader.load(files(Map.of(CatalogLoader.CONTROLS, broken))))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("CICD-M001 names unknown technique CICD-T099");
    }

    @Test
    void anUnknownLogSourceIsNamed() {
        String broken = CONTROLS.replace("source: github-audit", "source: gitlab-audit");
        assertThatThrownBy(() -> CatalogLoader.load(files(Map.of(CatalogLoader.CONTROLS, broken))))
                .hasMessageContaining("CICD-D001 names unknown log source gitlab-audit");
    }

    @Test
    void aMissingFieldNamesFileAndEntry() {
        String broken = TECHNIQUES.replace("    example: Edit a workflow.\n", "");
        assertThatThrownBy(() -> CatalogLoader.load(files(Map.of(CatalogLoader.TECHNIQUES, broken))))
                .hasMessage("catalog/techniques.yaml: CICD-T016: missing 'example'");
    }

    @Test
    void duplicateKeysAreRefused() {
        String broken = TACTICS.replace("name: Execution,", "name: Execution, name: Again,");
        assertThatThrownBy(() -> CatalogLoader.load(files(Map.of(CatalogLoader.TACTICS, broken))))
                .hasMessageContaining("catalog/tactics.yaml");
    }

    @Test
    void aWrongKindIsExplained() {
        String broken = CONTROLS.replace("kind: preventive", "kind: corrective");
        assertThatThrownBy(() -> CatalogLoader.load(files(Map.of(CatalogLoader.CONTROLS, broken))))
                .hasMessageContaining("kind must be preventive or detective, not 'corrective'");
    }
}
