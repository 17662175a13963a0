package dev.cimatrix.cli;

import dev.cimatrix.report.Printable;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escape sequences and bidirectional overrides in file names, workflow and job names and audit-log values reach no
 * terminal and no document: every command shows them as '?', on standard output, in files it writes and on
 * standard error.
 */
class HostileTextTest {
    /** Clears the screen; in a job id, a workflow's file name and log values. */
    private static final String CLEAR = "\u001b[2J";
    /** A link that shows one text and leads elsewhere, then right-to-left override. */
    private static final String LINK = "\u001b]8;;https://attacker.example\u0007here\u001b]8;;\u0007\u202e";

    @TempDir
    Path dir;
    Path repo;
    Path log;

    @BeforeEach
    void hostileInputs() throws IOException {
        repo = dir.resolve("repo");
        Path example = Path.of("examples/seed-attack");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = repo.resolve(example.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Path workflows = repo.resolve(".github/workflows");
        String preview = Files.readString(workflows.resolve("preview.yml"))
                .replace("name: PR preview", "name: \"PR " + escaped(LINK) + "\"")
                .replace("  preview:", "  \"pre" + escaped(CLEAR) + "view\":");
        Files.delete(workflows.resolve("preview.yml"));
        Files.writeString(workflows.resolve("pre" + CLEAR + "view.yml"), preview);
        Files.writeString(workflows.resolve("broken" + CLEAR + ".yml"), "on: [push\n");
        log = Files.writeString(dir.resolve("audit" + CLEAR + ".jsonl"), String.join("\n",
                "{\"action\":\"protected_branch.destroy\",\"actor\":\"mal" + escaped(CLEAR) + "lory\","
                        + "\"repo\":\"acme/" + escaped(LINK) + "\",\"org\":\"acme\",\"created_at\":1767261600000}",
                "{\"action\":\"repo.create\", " + CLEAR + "}",
                ""));
    }

    /** The character as a JSON or double-quoted YAML escape, so the file holds it only once decoded. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    @Test
    void scanFormatsShowControlCharactersAsQuestionMarks() {
        for (String format : List.of("text", "markdown", "github")) {
            CliRun run = CliRun.of("scan", "--color", "never", "--format", format, repo.toString());
            assertThat(run.exitCode()).as(format).isEqualTo(1);
            assertPrintable(run);
            assertThat(run.out()).as(format).contains("pre?[2Jview");
        }
        CliRun json = CliRun.of("scan", "--format", "json", repo.toString());
        assertPrintable(json);
        assertThat(json.out()).contains("broken\\u001B[2J.yml");
    }

    @Test
    void pathsFormatsShowControlCharactersAsQuestionMarks() {
        for (String format : List.of("text", "mermaid", "dot")) {
            CliRun run = CliRun.of("paths", "--format", format, repo.toString());
            assertThat(run.exitCode()).as(format).isZero();
            assertPrintable(run);
            assertThat(run.out()).as(format).contains("pre?[2Jview");
            assertThat(run.err()).as(format).contains("broken?[2J.yml");
        }
    }

    @Test
    void threatModelDocumentShowsControlCharactersAsQuestionMarks() throws IOException {
        Path page = dir.resolve("model.md");
        CliRun run = CliRun.of("report", "--format", "markdown", "-o", page.toString(), repo.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertPrintable(run);
        String markdown = Files.readString(page);
        assertPrintable(markdown);
        assertThat(markdown).contains("pre?\\[2Jview").contains("PR ?\\]8;;https://attacker.example?here?\\]8;;??");
    }

    @Test
    void alertsAndInputProblemsShowControlCharactersAsQuestionMarks() {
        CliRun run = CliRun.of("detect", "--state", dir.resolve("state.db").toString(), log.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertPrintable(run);
        assertThat(run.out()).contains("actor=mal?[2Jlory").contains("repo=acme/?]8;;https://attacker.example?here");
        assertThat(run.err()).contains("audit?[2J.jsonl:2");
    }

    private static void assertPrintable(CliRun run) {
        assertPrintable(run.out());
        assertPrintable(run.err());
    }

    private static void assertPrintable(String text) {
        assertThat(text.chars().filter(c -> c != '\n' && !Printable.shown((char) c)))
                .as("control characters in:%n%s", text).isEmpty();
    }
}
