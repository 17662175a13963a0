package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An unpinned image that a workflow of the same repository pushes is the repository's own, and the message says so. */
class PushedImagesTest {
    @TempDir
    Path dir;

    private static final String BUILD = """
            on: schedule
            env:
              REGISTRY: acme
            jobs:
              images:
                strategy:
                  matrix:
                    name: [app-cpu, app-gpu]
                runs-on: ubuntu-latest
                steps:
                  - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83
                    with:
                      push: %s
                      tags: |
                        ${{ env.REGISTRY }}/${{ matrix.name }}:latest
                        ghcr.io/acme/${{ matrix.name }}:nightly
              tools:
                runs-on: ubuntu-latest
                steps:
                  - run: docker build -t acme/tools . && docker push acme/tools
            """;

    private static final String TESTS = """
            on: push
            jobs:
              gpu:
                runs-on: ubuntu-latest
                container: acme/app-gpu
                steps:
                  - run: make test
              tools:
                runs-on: ubuntu-latest
                container: docker.io/acme/tools:latest
                steps:
                  - run: make lint
              other:
                runs-on: ubuntu-latest
                container: acme/other
                steps:
                  - run: make
            """;

    private List<Finding> scan(Map<String, String> workflows) throws Exception {
        return WorkflowFiles.scan(dir, new UnpinnedImagesCheck(), workflows);
    }

    private static Finding about(List<Finding> findings, String image) {
        return findings.stream().filter(f -> f.message().contains("'" + image + "'")).findFirst().orElseThrow();
    }

    @Test
    void anImageTheRepositoryPushesIsItsOwn() throws Exception {
        List<Finding> findings = scan(Map.of("build.yml", BUILD.formatted("true"), "tests.yml", TESTS));
        Finding gpu = about(findings, "acme/app-gpu");
        assertThat(gpu.severity()).isEqualTo(Severity.HIGH);
        assertThat(gpu.message()).endsWith("it is this repository's own image, which build.yml pushes: a push there, "
                + "or anyone holding its push credentials, changes what runs here");
        assertThat(about(findings, "docker.io/acme/tools:latest").message()).contains("which build.yml pushes");
        assertThat(about(findings, "acme/other").message()).doesNotContain("own image");
    }

    @Test
    void aBuildThatDoesNotPushMakesNoImageItsOwn() throws Exception {
        List<Finding> findings = scan(Map.of("build.yml", BUILD.formatted("false"), "tests.yml", TESTS));
        assertThat(about(findings, "acme/app-gpu").message()).doesNotContain("own image");
    }
}
