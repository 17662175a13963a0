package dev.cimatrix.discover;

import dev.cimatrix.model.IssueForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IssueFormsTest {
    @TempDir
    Path dir;

    private void template(String repository, String name, String text) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(repository).resolve(IssueForms.FOLDER));
        Files.writeString(folder.resolve(name), text);
    }

    @Test
    void formsAndMarkdownTemplatesGiveTheirLabelsAsGitHubReadsThem() throws Exception {
        template("a", "bug.yml", "name: Bug\ndescription: d\nlabels: [bug, \"needs triage\"]\nbody: []\n");
        template("a", "feature.yaml", "name: Feature\ndescription: d\nlabels: enhancement, ideas ,\nbody: []\n");
        template("a", "question.md", "---\nname: Question\nabout: ask\nlabels: question\n---\n\nlabels: not-front-matter\n");
        template("a", "docs.md", "---\nname: Docs\nlabels:\n  - documentation\n---\nbody\n");
        template("a", "plain.md", "No front matter here.\nlabels: nothing\n");
        // The template chooser's settings add no label.
        template("a", "config.yml", "blank_issues_enabled: false\nlabels: [not-a-template]\n");
        assertThat(IssueForms.of(dir, List.of("a")).get("a")).containsExactly(
                new IssueForm("a/.github/ISSUE_TEMPLATE/bug.yml", 3, List.of("bug", "needs triage")),
                new IssueForm("a/.github/ISSUE_TEMPLATE/docs.md", 3, List.of("documentation")),
                new IssueForm("a/.github/ISSUE_TEMPLATE/feature.yaml", 3, List.of("enhancement", "ideas")),
                new IssueForm("a/.github/ISSUE_TEMPLATE/plain.md", 1, List.of()),
                new IssueForm("a/.github/ISSUE_TEMPLATE/question.md", 4, List.of("question")));
    }

    @Test
    void aRepositoryWithoutTemplatesIsUnknownAndABrokenTemplateIsPassedOver() throws Exception {
        Files.createDirectories(dir.resolve("none/.github/workflows"));
        template("broken", "bad.yml", "labels: [bug\n");
        StringBuilder bomb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            bomb.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (level - 1)))).append("]\n");
        }
        template("broken", "bomb.yml", bomb + "labels: [bomb]\n");
        template("broken", "binary.yml", "labels: [\u0000]\n");
        template("broken", "deep.yml", "labels: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        template("broken", "ok.yml", "labels: [ok]\n");
        Path big = dir.resolve("broken").resolve(IssueForms.FOLDER).resolve("big.yml");
        Files.writeString(big, "labels: [big]\n# " + "x".repeat((int) IssueForms.MAX_BYTES) + "\n");
        Map<String, List<IssueForm>> forms = IssueForms.of(dir, List.of("none", "broken", ""));
        // Without a folder of its own a repository gets its owner's default templates, which are not in the scan.
        assertThat(forms).doesNotContainKeys("none", "");
        // Unparsable text, an alias bomb and nesting past the scan's YAML limits give no labels; a file that is not
        // text, or is over the size limit, is not read.
        String folder = "broken/" + IssueForms.FOLDER + "/";
        assertThat(forms.get("broken")).containsExactly(
                new IssueForm(folder + "bad.yml", 1, List.of()),
                new IssueForm(folder + "bomb.yml", 1, List.of()),
                new IssueForm(folder + "deep.yml", 1, List.of()),
                new IssueForm(folder + "ok.yml", 1, List.of("ok")));
    }
}
