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
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/gitlab-release}: the release job of a public GitLab project runs the merged commit's title through
 * {@code sh -c}, then publishes to npm with the NPM_TOKEN variable, which the model declares as the token that
 * publishes the package. The outsider's way to the package goes through the job and the token.
 */
class GitlabReleasePathTest {
    private static final Path EXAMPLE = Path.of("examples", "gitlab-release");

    @Test
    void theMergedTitleLeadsThroughTheReleaseJobToThePackage() throws Exception {
        Catalog catalog = Catalog.builtin();
        Inventory inventory = new Discovery().discover(EXAMPLE, List.of(EXAMPLE), null);
        List<Finding> findings = new Analyzer(catalog, CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of()).analyze(inventory).findings();
        DeclaredModel model = DeclaredModelReader.read(EXAMPLE.resolve(DeclaredModelReader.FILE_NAME),
                DeclaredModelReader.FILE_NAME, catalog);
        PathAnalysis analysis = AttackPaths.analyse(inventory, findings, model, PathLimits.DEFAULT);

        AttackPath path = analysis.paths().stream().filter(p -> p.asset().id().equals("asset:widget-on-npm"))
                .findFirst().orElseThrow();
        assertThat(path.nodeIds()).containsExactly("persona:outsider", "repo:acme/widget",
                "job:.gitlab-ci.yml#job 'release'", "identity:npm-publish-token", "asset:widget-on-npm");
        assertThat(path.cells()).containsExactly("RECON/CICD-T002", "EXEC/CICD-T104", "CRED/CICD-T029",
                "IMPT/CICD-T043");
        assertThat(path.steps().get(1).evidence()).isEqualTo("finding:gitlab-variable-injection");
        assertThat(path.steps().get(2).location().startLine()).isEqualTo(21);
        // The test job reads no untrusted text and holds nothing the model names: no path goes through it.
        assertThat(analysis.paths()).allSatisfy(p -> assertThat(p.nodeIds()).doesNotContain("job:.gitlab-ci.yml#job 'test'"));
        assertThat(analysis.mixedJobs()).extracting(JobExposure::job).containsExactly("job 'release'");
    }
}
