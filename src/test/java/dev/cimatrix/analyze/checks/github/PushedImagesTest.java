package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Path folder = dir.resolve(".github/workflows");
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (var workflow : workflows.entrySet()) {
            Path file = folder.resolve(workflow.getKey());
            Files.writeString(file, workflow.getValue());
            files.add(file);
        }
        var inventory = new Discovery().discover(dir, files, null);
        return new Analyzer(Catalog.builtin(), List.of(new UnpinnedImagesCheck()), ScanConfig.defaults(), Profile.AUDITOR,
                Set.of()).analyze(inventory).findings();
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
