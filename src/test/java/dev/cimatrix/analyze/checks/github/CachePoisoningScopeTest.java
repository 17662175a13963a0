package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.catalog.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A release restores what runs in the default branch's cache scope wrote. Where no workflow of the repository that an
 * outsider can start runs there, writing the entry takes a trusted run's compromise first.
 */
class CachePoisoningScopeTest {
    @TempDir
    Path dir;

    private static final String RELEASE = """
            on:
              push:
                tags: ['v*']
            permissions:
              contents: write
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5
                  - run: goreleaser release
            """;

    private static final String CI = "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
            + "    steps:\n      - run: go test ./...\n";

    private Finding release(Map<String, String> workflows) throws Exception {
        List<Finding> findings = WorkflowFiles.scan(dir, new CachePoisoningCheck(), workflows);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void withNoOutsiderRunInTheDefaultScopeTheReleaseIsMedium() throws Exception {
        Finding finding = release(Map.of("release.yml", RELEASE, "ci.yml", CI));
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.message()).endsWith("no workflow of this repository that an outsider can start runs in the "
                + "default branch's cache scope, so writing that entry takes a compromise of a trusted run first");
    }

    @Test
    void anOutsidersPrivilegedRunKeepsItHigh() throws Exception {
        String comments = "on: issue_comment\njobs:\n  reply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";
        assertThat(release(Map.of("release.yml", RELEASE, "ci.yml", CI, "comments.yml", comments)).severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void aScriptNamedForReleasingIsFoundInOnePass() {
        assertThat(CachePoisoningCheck.runsReleaseScript("bash utils/build/deploy-trace-viewer.sh --stable")).isTrue();
        assertThat(CachePoisoningCheck.runsReleaseScript("./release.sh")).isTrue();
        assertThat(CachePoisoningCheck.runsReleaseScript("python \"scripts/publish_docs.py\"")).isTrue();
        assertThat(CachePoisoningCheck.runsReleaseScript("make release && cat RELEASE.md")).isFalse();
        // A word of repeated names is read once, not tried at every split.
        String hostile = "release".repeat(150_000) + " " + "/a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CachePoisoningCheck.runsReleaseScript(hostile));
    }
}
