package dev.cimatrix.cli;

import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathArgumentsTest {
    private static ScanCommand parseScan(String... args) {
        CommandLine cli = Main.commandLine("scan");
        List<String> all = new ArrayList<>(List.of("scan"));
        all.addAll(List.of(args));
        CommandLine.ParseResult result = cli.parseArgs(ArgumentFiles.expand(all.toArray(String[]::new)));
        return (ScanCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void pathsMayComeBeforeBetweenAndAfterOptions() {
        ScanCommand scan = parseScan("a.yml", "b.yml", "--format", "json", "c.yml", "-o", "out.json", "d.yml", "e.yml");
        assertThat(scan.targets).containsExactly(Path.of("a.yml"), Path.of("b.yml"), Path.of("c.yml"),
                Path.of("d.yml"), Path.of("e.yml"));
        assertThat(scan.format.name()).isEqualTo("json");
        assertThat(scan.output).isEqualTo(Path.of("out.json"));
    }

    @Test
    void afterTheEndOfOptionsADashedNameIsAPath() {
        ScanCommand scan = parseScan("a.yml", "--", "-odd.yml", "--format", "b.yml");
        assertThat(scan.targets).containsExactly(Path.of("a.yml"), Path.of("-odd.yml"), Path.of("--format"),
                Path.of("b.yml"));
    }

    @Test
    void anArgumentFileIsExpandedIntoPaths(@TempDir Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            names.add("workflows/w" + i + ".yml");
        }
        Path list = Files.write(dir.resolve("files.txt"), names);
        ScanCommand scan = parseScan("--fail-on", "none", "@" + list);
        assertThat(scan.targets).hasSize(500).startsWith(Path.of("workflows/w0.yml")).endsWith(Path.of("workflows/w499.yml"));
    }

    @Test
    void noPathsLeavesTheDefault() {
        assertThat(parseScan("--format", "json").targets).isEmpty();
    }

    @Test
    void anUnknownOptionAfterPathsIsStillAUsageError() {
        CliRun run = CliRun.of("scan", "a.yml", "--fromat", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown option").contains("'--fromat'").doesNotContain("\tat ");
    }

    @Test
    void aNameThatIsNoPathIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("scan", "ok.yml", "bad\0name.yml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("TARGET").contains("is not a path").doesNotContain("\tat ");
    }

    /** An unset variable (`detect "$LOG"`, `--state "$STATE"`) is refused, not taken as the working folder. */
    @Test
    void anEmptyPathIsAUsageErrorNamingWhereItWas() {
        String[][] runs = {
                {"detect", "", "FILE"},
                {"scan", "", "TARGET"},
                {"report", "", "TARGET"},
                {"paths", "", "TARGET"},
                {"detect", "--state", "", "x.jsonl", "'--state'"},
                {"detect", "-o", "", "x.jsonl", "'--output'"},
                {"scan", "--config", "", "'--config'"},
                {"scan", "--baseline", "", "'--baseline'"},
                {"matrix", "-o", "", "'--output'"},
        };
        for (String[] args : runs) {
            CliRun run = CliRun.of(java.util.Arrays.copyOf(args, args.length - 1));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).contains(args[args.length - 1])
                    .contains("an empty path").doesNotContain("\tat ");
        }
    }

    /** An output that is a folder is refused before the run, which would otherwise end with nothing written. */
    @Test
    void anOutputThatIsAFolderIsRefusedBeforeTheRun(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("audit.jsonl"),
                "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"m\",\"@timestamp\":1767261600000}\n");
        Path repo = Files.createDirectories(dir.resolve("repo/.github/workflows"));
        Files.writeString(repo.resolve("ci.yml"), "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n");
        for (CliRun run : List.of(
                CliRun.of("detect", "--state", dir.resolve("s.db").toString(), "-o", dir.toString(), log.toString()),
                CliRun.of("scan", "-o", dir.toString(), dir.resolve("repo").toString()))) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--output " + dir + " is a folder").doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }
        assertThat(dir.resolve("s.db")).as("detect stopped before opening its state").doesNotExist();
    }

    @Test
    void detectStillNeedsAFile() {
        CliRun run = CliRun.of("detect");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("FILE");
    }
}
