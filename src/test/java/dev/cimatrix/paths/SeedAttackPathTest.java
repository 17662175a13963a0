package dev.cimatrix.paths;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.declared.DeclaredModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of the seed on {@code examples/seed-attack}: an outsider reads the public repository, opens
 * a pull request that a pull_request_target workflow checks out and builds, the build reads the CI
 * secrets, and with them the attacker clones the private code, takes the production data and mines on
 * the cloud account. The three ways out share the first four steps.
 */
class SeedAttackPathTest {
    static final Path EXAMPLE = Path.of("examples", "seed-attack");
    private static final List<String> SHARED = List.of("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T016",
            "CRED/CICD-T029");
    static PathAnalysis analysis;
    static Inventory inventory;
    static List<Finding> findings;

    @BeforeAll
    static void analyse() throws Exception {
        Catalog catalog = Catalog.builtin();
        inventory = new Discovery().discover(EXAMPLE, List.of(EXAMPLE), null);
        findings = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory).findings();
        DeclaredModel model = DeclaredModelReader.read(EXAMPLE.resolve(DeclaredModelReader.FILE_NAME),
                DeclaredModelReader.FILE_NAME, catalog);
        analysis = AttackPaths.analyse(inventory, findings, model, PathLimits.DEFAULT);
    }

    @Test
    void theSeedPathComesOutStepByStep() {
        assertThat(analysis.paths()).hasSize(3);
        AttackPath data = path("asset:production-data");
        assertThat(data.nodeIds()).containsExactly("persona:outsider", "repo:acme/webapp",
                "workflow:.github/workflows/preview.yml", "job:.github/workflows/preview.yml#preview",
                "identity:aws-ci-keys", "asset:production-data");
        assertThat(data.cells()).containsExactly("RECON/CICD-T002", "INIT/CICD-T004", "EXEC/CICD-T016",
                "CRED/CICD-T029", "EXFL/CICD-T038");
        assertThat(path("asset:private-source").cells()).startsWith(SHARED.toArray(String[]::new))
                .endsWith("EXFL/CICD-T037").hasSize(5);
        assertThat(path("asset:private-source").nodeIds()).contains("identity:org-bot-token");
        assertThat(path("asset:cloud-compute").cells()).startsWith(SHARED.toArray(String[]::new))
                .endsWith("IMPT/CICD-T040").hasSize(5);
    }

    @Test
    void everyStepSaysWhyAndWhere() {
        AttackPath data = path("asset:production-data");
        assertThat(data.steps()).extracting(Move::evidence).containsExactly("declared", "workflow",
                "finding:gha-untrusted-checkout", "finding:gha-secrets-in-untrusted-job", "declared");
        assertThat(data.steps()).allSatisfy(step -> assertThat(step.location()).isNotNull());
        assertThat(data.steps().get(2).location().path()).isEqualTo(".github/workflows/preview.yml");
        assertThat(data.steps().get(4).location().path()).isEqualTo("cimatrix-model.yml");
    }

    @Test
    void theCriticalAssetsRankAboveTheCompute() {
        assertThat(analysis.paths().get(2).asset().id()).isEqualTo("asset:cloud-compute");
        assertThat(analysis.paths().get(0).score()).isGreaterThan(analysis.paths().get(2).score());
    }

    @Test
    void thePreviewJobMixesUntrustedInputWithPrivileges() {
        assertThat(analysis.mixedJobs()).singleElement().satisfies(job -> {
            assertThat(job.job()).isEqualTo("preview");
            assertThat(job.privileges()).contains("secret AWS_SECRET_ACCESS_KEY", "secret ORG_BOT_TOKEN");
        });
        JobExposure deploy = analysis.jobs().stream().filter(j -> j.job().equals("deploy")).findFirst().orElseThrow();
        assertThat(deploy.runsUntrustedInput()).isFalse();
        assertThat(deploy.privileges()).contains("aws role arn:aws:iam::111122223333:role/webapp-deploy");
    }

    @Test
    void theDeployJobIsLinkedThroughTheTerraformRoleToTheDeclaredAccount() {
        AttackGraph graph = analysis.graph();
        assertThat(graph.outgoing("job:.github/workflows/deploy.yml#deploy")).extracting(Move::to)
                .contains("role:arn:aws:iam::111122223333:role/webapp-deploy");
        assertThat(graph.node("role:arn:aws:iam::111122223333:role/webapp-deploy").orElseThrow().attribute("trust"))
                .isEqualTo("organisation");
        assertThat(graph.outgoing("role:arn:aws:iam::111122223333:role/webapp-deploy")).singleElement()
                .satisfies(m -> {
                    assertThat(m.to()).isEqualTo("component:aws-prod");
                    assertThat(m.location().path()).isEqualTo("infra/iam.tf");
                });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.checkId()).isEqualTo("tf-oidc-broad-trust");
            assertThat(f.location().path()).isEqualTo("infra/iam.tf");
        });
    }

    private static AttackPath path(String asset) {
        return analysis.paths().stream().filter(p -> p.asset().id().equals(asset)).findFirst().orElseThrow();
    }
}
