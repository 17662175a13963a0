package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The text report's source excerpts, over real files. */
class ScanTextTest {
    @TempDir
    Path root;

    private String render(String file, String content, Location at, boolean color) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Finding finding = SampleScan.finding("gha-template-injection", "tainted", Severity.HIGH, Confidence.HIGH, at,
                List.of(), List.of("EXEC/CICD-T016"), "", Map.of());
        return ScanText.render(SampleScan.report(root, List.of(finding), List.of(), List.of()), color);
    }

    @Test
    void underlinesTheSpanUnderItsColumns() throws IOException {
        String text = render(".github/workflows/a.yml", "on: push\njobs:\n  x:\n    steps:\n      - run: echo ${{ github.head_ref }}\n",
                new Location(".github/workflows/a.yml", 5, 19, 5, 40, ""), false);
        assertThat(text).contains("""
                    at .github/workflows/a.yml:5:19
                    5 |       - run: echo ${{ github.head_ref }}
                      |                   ^~~~~~~~~~~~~~~~~~~~~~
                """);
    }

    @Test
    void tabsStayTabsSoTheUnderlineStaysAligned() throws IOException {
        String text = render("w.yml", "key:\n\t\tvalue: $x\n", new Location("w.yml", 2, 10, 2, 11, ""), false);
        assertThat(text).contains("2 | \t\tvalue: $x\n      | \t\t       ^~\n");
    }

    @Test
    void columnsCountCodePoints() throws IOException {
        String text = render("w.yml", "name: \uD83D\uDE80 go ${{ x }}\n", new Location("w.yml", 1, 12, 1, 19, ""), false);
        assertThat(text).contains("1 | name: \uD83D\uDE80 go ${{ x }}\n      |            ^~~~~~~~\n");
    }

    @Test
    void aLongSpanShowsItsFirstLinesAndCountsTheRest() throws IOException {
        String content = "steps:\n  - run: |\n      one\n      two\n      three\n      four\n      five\n";
        String text = render("w.yml", content, new Location("w.yml", 2, 5, 7, 10, ""), false);
        assertThat(text).contains("""
                    2 |   - run: |
                      |     ^~~~~~
                    3 |       one
                      |       ~~~
                    4 |       two
                      |       ~~~
                      | … 3 more lines
                """);
        assertThat(text).doesNotContain("three");
    }

    @Test
    void aLongLineShowsTheSpanWithTheTextAroundItAndMarksTheCuts() throws IOException {
        String line = "      - run: " + "echo x; ".repeat(500) + "echo ${{ github.head_ref }}; " + "echo y; ".repeat(500);
        int column = line.indexOf("${{") + 1;
        String text = render("w.yml", "steps:\n" + line + "\n",
                new Location("w.yml", 2, column, 2, column + 21, ""), false);
        String shown = text.lines().filter(l -> l.startsWith("    2 | ")).findFirst().orElseThrow().substring(8);
        String mark = text.lines().dropWhile(l -> !l.startsWith("    2 | ")).skip(1).findFirst().orElseThrow().substring(8);
        assertThat(shown).startsWith("…").endsWith("…").hasSize(162).contains("echo ${{ github.head_ref }};");
        assertThat(shown.substring(mark.indexOf('^'), mark.indexOf('^') + 22)).isEqualTo("${{ github.head_ref }}");
        assertThat(mark.strip()).isEqualTo("^" + "~".repeat(21));
    }

    @Test
    void aSpanAtTheEndOfALongLineShowsTheLineEnd() throws IOException {
        String line = "run: " + "a".repeat(1_000) + " $x";
        String text = render("w.yml", line + "\n", new Location("w.yml", 1, line.length() - 1, 1, line.length(), ""), false);
        assertThat(text).contains("1 | …" + "a".repeat(157) + " $x\n      | " + " ".repeat(159) + "^~\n");
    }

    @Test
    void manyFindingsOnOneLongLineAreQuick() throws IOException {
        String line = "      - run: " + "echo ${{ github.head_ref }} ".repeat(40_000);
        Path path = root.resolve("w.yml");
        Files.writeString(path, "steps:\n" + line + "\n");
        List<Finding> findings = new java.util.ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            int column = 14 + i * 28 + 5;
            findings.add(SampleScan.finding("gha-template-injection", "tainted", Severity.HIGH, Confidence.HIGH,
                    new Location("w.yml", 2, column, 2, column + 21, ""), List.of(), List.of("EXEC/CICD-T016"), "", Map.of()));
        }
        long started = System.nanoTime();
        String text = ScanText.render(SampleScan.report(root, findings, List.of(), List.of()), false);
        assertThat((System.nanoTime() - started) / 1_000_000).as("render time, ms").isLessThan(10_000);
        assertThat(text.length()).isLessThan(40_000 * 1_000);
    }

    @Test
    void credentialsAreMaskedButKeepAShortPrefix() throws IOException {
        String content = "env:\n  GH_TOKEN: ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\n  password: \"correct-horse-battery\"\n";
        String text = render("w.yml", content, new Location("w.yml", 2, 3, 3, 33, "env"), false);
        assertThat(text).contains("GH_TOKEN: ghp_************************************")
                .contains("password: \"corr*****************\"")
                .doesNotContain("A1b2C3").doesNotContain("horse");
    }

    @Test
    void controlCharactersFromTheFileCannotReachTheTerminal() throws IOException {
        String text = render("w.yml", "name: \u001b[2Jgotcha\n", new Location("w.yml", 1, 1, 1, 4, ""), false);
        assertThat(text).doesNotContain("\u001b").contains("name: ?[2Jgotcha");
    }

    @Test
    void aMissingFileLeavesOutOnlyTheExcerpt() throws IOException {
        String text = render("present.yml", "x: 1\n", new Location("gone.yml", 3, 1, 3, 4, ""), false);
        assertThat(text).contains("gone.yml\n  HIGH gha-template-injection  tainted\n    at gone.yml:3:1\n    cells");
    }

    @Test
    void colourOnlyWhenAsked() throws IOException {
        Location at = new Location("w.yml", 1, 1, 1, 1, "");
        assertThat(render("w.yml", "x: 1\n", at, false)).doesNotContain("\u001b[");
        assertThat(render("w.yml", "x: 1\n", at, true)).contains("\u001b[1;31mHIGH\u001b[0m", "\u001b[1;31m^\u001b[0m");
    }

    @Test
    void aCleanScanSaysSoAndStillSummarises() {
        String text = ScanText.render(SampleScan.report(SampleScan.ROOT, List.of(), List.of(), List.of()), false);
        assertThat(text).startsWith("No findings.\n").contains("by tactic    none")
                .endsWith("4 files scanned, 0 findings (1 suppressed, 2 in baseline)\n");
    }
}
