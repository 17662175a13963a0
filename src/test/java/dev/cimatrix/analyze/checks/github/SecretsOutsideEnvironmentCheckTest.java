package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsOutsideEnvironmentCheckTest {
    private static final String WORKFLOW = """
            on: push
            permissions: {}
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: ./test.sh
                    env:
                      KEY: ${{ secrets.CODECOV_TOKEN }}
                  - run: ./again.sh
                    env:
                      KEY: ${{ secrets['codecov_token'] }}
                  - run: ./publish.sh
                    env:
                      TOKEN: ${{ secrets.NPM_TOKEN }}
            """;

    private static List<Finding> scan(Path root, ScanConfig config, Profile profile) throws Exception {
        return new Analyzer(Catalog.builtin(), List.of(new SecretsOutsideEnvironmentCheck(config)), config, profile,
                Set.of()).analyze(new Discovery().discover(root, List.of(root), null)).findings();
    }

    /** One finding per secret and job, whatever the case; the allow option leaves names out; auditors only. */
    @Test
    void reportsEachSecretOnceUnlessAllowedAndOnlyForAuditors(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve(".github/workflows"));
        Files.writeString(root.resolve(".github/workflows/ci.yml"), WORKFLOW);

        assertThat(scan(root, ScanConfig.defaults(), Profile.AUDITOR)).extracting(f -> f.properties().get("secret"))
                .containsExactly("CODECOV_TOKEN", "NPM_TOKEN");
        ScanConfig allowing = new ScanConfig(Set.of(), Map.of(), List.of(),
                Map.of(SecretsOutsideEnvironmentCheck.ID, Map.of("allow", List.of("codecov_token"))));
        assertThat(scan(root, allowing, Profile.AUDITOR)).extracting(f -> f.properties().get("secret"))
                .containsExactly("NPM_TOKEN");
        assertThat(scan(root, ScanConfig.defaults(), Profile.REGULAR)).isEmpty();
        assertThat(scan(root, ScanConfig.defaults(), Profile.PEDANTIC)).isEmpty();
    }
}
