package dev.cimatrix.discover;

import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GitlabIncludesTest {
    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void localIncludesAreReadWhateverTheirNames(@TempDir Path root) throws Exception {
        write(root, ".gitlab-ci.yml", """
                include:
                  - local: /ci/build.yml
                  - local: ci/more/*.yml
                  - local: .gitlab/$CI_JOB_NAME.yml
                  - local: /ci/missing.yml
                  - local: ../outside.yml
                  - project: group/other
                    file: /elsewhere.yml
                test:
                  script: make test
                child:
                  trigger:
                    include: ci/child.yml
                """);
        write(root, "ci/child.yml", "in-child:\n  script: c\n");
        write(root, "ci/build.yml", "include: ci/nested.yml\nbuild:\n  script: make\n");
        // Included twice and back again: read once.
        write(root, "ci/nested.yml", "include:\n  - /.gitlab-ci.yml\n  - /ci/build.yml\nnested:\n  script: x\n");
        write(root, "ci/more/a.yml", "a:\n  script: a\n");
        write(root, "ci/more/b.yml", "b:\n  script: b\n");
        write(root, "ci/more/deeper/c.yml", "c:\n  script: c\n");
        write(root, "ci/unrelated.yml", "unrelated:\n  script: u\n");
        write(root.getParent(), "outside.yml", "outside:\n  script: o\n");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(inventory.gitlab()).extracting(GitlabPipeline::path).containsExactly(".gitlab-ci.yml",
                "ci/build.yml", "ci/child.yml", "ci/more/a.yml", "ci/more/b.yml", "ci/nested.yml");
        assertThat(inventory.files()).hasSize(6);
        assertThat(inventory.problems()).allMatch(p -> !p.fatal()).extracting(p -> p.location().startLine() + " "
                + p.message()).containsExactly(
                "5 included file /ci/missing.yml cannot be read (no such file or directory); GitLab refuses a pipeline "
                        + "whose local include is missing",
                "6 included file ../outside.yml is outside the project, so not read");
    }

    @Test
    void doubleStarsReachIntoFolders(@TempDir Path root) throws Exception {
        write(root, ".gitlab-ci.yml", "include: 'ci/**.yml'\n");
        write(root, "ci/a.yml", "a:\n  script: a\n");
        write(root, "ci/deep/er/b.yml", "b:\n  script: b\n");
        write(root, "ci/node_modules/c.yml", "c:\n  script: c\n");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(inventory.gitlab()).extracting(GitlabPipeline::path).containsExactly(".gitlab-ci.yml",
                "ci/a.yml", "ci/deep/er/b.yml");
    }

    /** A named file finds the root of its project above it, and reads what it includes from there. */
    @Test
    void aNamedFileIncludesFromItsProjectRoot(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("repo/.git"));
        write(root, "repo/ci/pipeline.gitlab-ci.yml", "include: /ci/jobs.yml\n");
        write(root, "repo/ci/jobs.yml", "job:\n  script: x\n");
        Inventory inventory = new Discovery().discover(root,
                List.of(root.resolve("repo/ci/pipeline.gitlab-ci.yml")), null);
        assertThat(inventory.gitlab()).extracting(GitlabPipeline::path)
                .containsExactly("repo/ci/jobs.yml", "repo/ci/pipeline.gitlab-ci.yml");
    }

    @Test
    void linksAreNotFollowedAndTheCountIsBounded(@TempDir Path root) throws Exception {
        write(root, "elsewhere.yml", "x:\n  script: x\n");
        Files.createDirectories(root.resolve("ci"));
        Files.createSymbolicLink(root.resolve("ci/link.yml"), root.resolve("elsewhere.yml"));
        StringBuilder many = new StringBuilder("include:\n  - local: ci/link.yml\n  - local: 'gen/*.yml'\n");
        for (int i = 0; i < GitlabIncludes.MAX_PER_ROOT + 5; i++) {
            write(root, String.format("gen/f%03d.yml", i), "j" + i + ":\n  script: x\n");
        }
        write(root, ".gitlab-ci.yml", many.toString());
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(inventory.gitlab()).hasSize(1 + GitlabIncludes.MAX_PER_ROOT);
        assertThat(inventory.problems()).extracting(ReadProblem::message).containsExactly(
                "included file ci/link.yml is not a regular file, so not read",
                "more than 150 files included in one project, GitLab's limit; the rest are not read");
    }
}
