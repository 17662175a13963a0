package dev.cimatrix.discover.declared;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.model.declared.DeclaredModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredModelReaderTest {
    private static final Catalog CATALOG = Catalog.builtin();

    private static InvalidModelException errors(String text) {
        try {
            DeclaredModelReader.parse("model.yml", text, CATALOG);
        } catch (InvalidModelException e) {
            return e;
        }
        throw new AssertionError("expected the model to be rejected");
    }

    @Test
    void readsTheExampleModel() throws Exception {
        DeclaredModel model = DeclaredModelReader.read(Path.of("examples/seed-attack/cimatrix-model.yml"),
                "cimatrix-model.yml", CATALOG);
        assertThat(model.components()).extracting(DeclaredModel.Component::id).containsExactly("github", "acme/webapp", "aws-prod");
        assertThat(model.component("aws-prod").orElseThrow().account()).isEqualTo("111122223333");
        assertThat(model.identities().get(0).secrets()).containsExactly("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        assertThat(model.assets()).extracting(DeclaredModel.Asset::criticality).containsExactly("critical", "critical", "high");
        assertThat(model.logSources()).extracting(DeclaredModel.CollectedLog::retentionDays).containsExactly(90, 365);
        assertThat(model.controls().get(1).status()).isEqualTo("partial");
        assertThat(model.personas().get(0).location().startLine()).isEqualTo(46);
    }

    @Test
    void anEmptyFileIsAnEmptyModelAndNotAnAbsentOne() throws Exception {
        DeclaredModel model = DeclaredModelReader.parse("model.yml", "", CATALOG);
        assertThat(model.isAbsent()).isFalse();
        assertThat(model.components()).isEmpty();
    }

    @Test
    void unknownKeysAreReportedWithTheirLine() {
        assertThat(errors("""
                version: 1
                componets: []
                assets:
                  - id: data
                    kind: data
                    critical: high
                """).problems()).extracting(ModelProblem::toString).containsExactly(
                "model.yml:2:1: unknown key 'componets'; expected one of assets, components, controls, identities, "
                        + "log-sources, personas, reachability, version",
                "model.yml:6:5: unknown key 'critical'; expected one of criticality, description, id, in, kind");
    }

    @Test
    void unknownCatalogIdsAreReported() {
        assertThat(errors("""
                log-sources:
                  - source: github-audit
                  - source: splunk
                controls:
                  - id: CICD-M014
                    status: implemented
                  - id: CICD-M999
                    status: done
                """).problems()).extracting(ModelProblem::toString).containsExactly(
                "model.yml:3:13: unknown log source 'splunk'; see `cimatrix explain` or docs/matrix.md for the catalog's log source ids",
                "model.yml:7:9: unknown control 'CICD-M999'; controls are catalog ids such as CICD-M014",
                "model.yml:8:13: 'status' is 'done'; expected one of absent, implemented, partial, planned");
    }

    @Test
    void danglingReferencesAndDuplicatesAreReported() {
        assertThat(errors("""
                components:
                  - id: vault
                    type: vault
                  - id: vault
                    type: vault
                identities:
                  - id: key
                    kind: secret
                    grants: [vault, cluster]
                reachability:
                  - from: runners
                    to: vault
                assets:
                  - id: data
                    kind: data
                    in: bucket
                personas:
                  - kind: leaked-token
                    token: nobody
                """).problems()).extracting(ModelProblem::toString).containsExactly(
                "model.yml:4:5: duplicate component id 'vault' (first declared on line 2)",
                "model.yml:7:5: identity key grants 'cluster', which is not declared",
                "model.yml:11:5: reachability from 'runners', which is not declared",
                "model.yml:14:5: asset data is in 'bucket', which is not declared",
                "model.yml:18:5: persona leaked-token token 'nobody', which is not declared");
    }

    @Test
    void missingFieldsAndWrongShapes() {
        assertThat(errors("""
                components:
                  - type: runner
                  - just-a-name
                assets: {id: x}
                """).problems()).extracting(ModelProblem::toString).containsExactly(
                "model.yml:2:5: missing 'id'",
                "model.yml:3:5: an entry of 'components' should be a mapping",
                "model.yml:4:9: 'assets' should be a list");
    }

    @Test
    void yamlSyntaxErrorsKeepTheirPosition() {
        assertThatThrownBy(() -> DeclaredModelReader.parse("model.yml", "components: [\n", CATALOG))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("model.yml:2:");
    }
}
