package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("matrix", "explain", "completion", "Exit codes");
    }

    /** A run of one command sets up only that one; its name in Main is the one its annotation gives. */
    @Test
    void eachCommandIsSetUpAloneUnderItsOwnName() {
        var all = Main.commandLine().getSubcommands();
        assertThat(all.keySet()).containsExactly("scan", "paths", "report", "settings", "matrix", "explain", "detect",
                "rules", "completion", "help");
        all.forEach((name, command) -> {
            String declared = new picocli.CommandLine(command.getCommandSpec().userObject()).getCommandName();
            assertThat(declared).isEqualTo(name);
            var alone = Main.commandLine(name).getSubcommands().keySet();
            if (name.equals("help") || name.equals("completion")) {
                assertThat(alone).isEqualTo(all.keySet());
            } else {
                assertThat(alone).containsExactly(name);
            }
        });
        assertThat(Main.commandLine("nonsense").getSubcommands().keySet()).isEqualTo(all.keySet());
        assertThat(CliRun.of("help", "scan").out()).contains("Usage: cimatrix scan");
        assertThat(CliRun.of("scan", "--help").out()).isEqualTo(CliRun.of("help", "scan").out());
    }

    /** The version alone sets up no subcommand; with anything after it the command line is read as usual. */
    @Test
    void versionAloneSetsUpNoSubcommand() {
        for (String option : new String[] {"--version", "-V"}) {
            assertThat(Main.forArguments(new String[] {option}).getSubcommands()).isEmpty();
            CliRun version = CliRun.of(option);
            assertThat(version.exitCode()).isZero();
            assertThat(version.out()).startsWith("cimatrix ").contains("Java ");
        }
        assertThat(Main.forArguments(new String[] {"--version", "scan"}).getSubcommands()).containsOnlyKeys(
                "scan", "paths", "report", "settings", "matrix", "explain", "detect", "rules", "completion", "help");
        CliRun versionThenCommand = CliRun.of("--version", "matrix");
        assertThat(versionThenCommand.exitCode()).isZero();
        assertThat(versionThenCommand.out()).startsWith("cimatrix ");
        assertThat(Main.forArguments(new String[] {"scan", "--version"}).getSubcommands()).containsOnlyKeys("scan");
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : new String[] {"matrix", "explain", "completion"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: cimatrix " + command);
            CliRun version = CliRun.of(command, "--version");
            assertThat(version.exitCode()).isZero();
            assertThat(version.out()).startsWith("cimatrix ");
        }
    }

    /** A file option given a folder, a device or nothing that exists says which of these it is. */
    @Test
    void aFileOptionSaysWhatItWasGivenInstead(@TempDir Path dir) {
        String[][] cases = {
                {"scan", "--baseline", dir.toString(), dir + ": a folder, not a baseline file"},
                {"scan", "--config", "/dev/null", "/dev/null: not a regular file, so not read as a configuration file"},
                {"paths", "--model", dir.resolve("absent.yml").toString(), dir.resolve("absent.yml") + ": no such model file"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.of(c[0], c[1], c[2], "examples/seed-attack");
            assertThat(run.exitCode()).as(String.join(" ", c)).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", c)).isEqualTo("cimatrix " + c[0] + ": " + c[3] + "\n");
        }
    }

    /** A number below what an option takes is refused with the option, its least value and the value given. */
    @Test
    void aNumberOutOfRangeNamesItsOption() {
        String[][] cases = {
                {"paths", "--max-length", "0", "--max-length must be at least 1, not 0"},
                {"paths", "--max-paths", "-3", "--max-paths must be at least 1, not -3"},
                {"paths", "--max-per-pair", "0", "--max-per-pair must be at least 1, not 0"},
                {"matrix", "--width", "5", "--width must be at least 20, not 5"},
                {"explain", "--width", "-1", "--width must be at least 20, not -1"},
                {"matrix", "--width", "wide", "'wide' is not a whole number"},
        };
        for (String[] c : cases) {
            CliRun run = c[0].equals("explain") ? CliRun.of(c[0], c[1], c[2], "CICD-T001")
                    : c[0].equals("paths") ? CliRun.of(c[0], c[1], c[2], "examples/seed-attack") : CliRun.of(c[0], c[1], c[2]);
            assertThat(run.exitCode()).as(String.join(" ", c)).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", c)).startsWith("cimatrix " + c[0] + ": ").contains(c[3]);
        }
    }

    /** Example commands are copied from the help, so each must reach the 80-column terminal on one line. */
    @Test
    void helpExamplesAreNotWrapped() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            String[] footer = Main.commandLine(command).getSubcommands().get(command).getCommandSpec().usageMessage()
                    .footer();
            List<String> shown = CliRun.of(command, "--help").out().lines().toList();
            for (String line : footer) {
                if (line.startsWith("  ")) {
                    assertThat(shown).as(command + " --help").contains(line);
                }
            }
        }
    }

    @Test
    void matrixPrintsEveryTechnique() {
        CliRun run = CliRun.of("matrix", "--width", "200");
        assertThat(run.exitCode()).isZero();
        for (int i = 1; i <= 44; i++) {
            assertThat(run.out()).contains(String.format("CICD-T%03d", i));
        }
        assertThat(run.out()).contains("10 tactics, 44 techniques, 49 cells");
    }

    @Test
    void anUnknownFormatExits2WithTheChoices() {
        CliRun run = CliRun.of("matrix", "--format", "yaml");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("--format").contains("yaml").contains("table, markdown, json, stix, navigator");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownOptionExits2WithTheChoices() {
        CliRun run = CliRun.of("matrix", "--fromat", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown option").contains("'--fromat'").contains("valid here: options --format").doesNotContain("\tat ");
    }

    @Test
    void anUnknownCommandExits2() {
        CliRun run = CliRun.of("matirx");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("matirx").contains("matrix");
    }

    @Test
    void anUnknownIdExits2WithSuggestions() {
        CliRun run = CliRun.of("explain", "CICD-T16");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("unknown id 'CICD-T16'").contains("CICD-T016").contains("valid ids");
        assertThat(run.err()).contains("preventive controls CICD-M001..", "detective controls CICD-D001..");
    }

    @Test
    void explainPrintsATechnique() {
        CliRun run = CliRun.of("explain", "EXEC/CICD-T016");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("CICD-T016  Modify CI/CD configurations", "PERS/CICD-T016",
                "Preventive controls", "Detective controls", "T1677");
    }

    /** A finding names its check; the check's id explains it like any catalog entry, and a typo gets a suggestion. */
    @Test
    void explainPrintsACheckAndSuggestsOneForATypo() {
        CliRun run = CliRun.of("explain", "gha-template-injection", "--width", "200");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gha-template-injection  Attacker-controlled data expanded into a script\n")
                .contains("high severity and high confidence as a rule", "EXEC/CICD-T104 Script injection from pull request metadata",
                        "CICD-M015 Pass event data to scripts through environment variables", "How to fix",
                        "https://docs.github.com/en/actions/concepts/security/script-injections",
                        "docs/checks/gha-template-injection.md").doesNotContain("Options:");
        assertThat(CliRun.of("explain", "gha-forbidden-uses", "--width", "200").out())
                .contains("Options: allow, deny, under checks.gha-forbidden-uses in .cimatrix.yml");
        CliRun typo = CliRun.of("explain", "gha-template-injectoin");
        assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("did you mean gha-template-injection?");
    }

    /** A detection rule is not a catalog entry; `explain` says which command explains it rather than only "unknown". */
    @Test
    void explainPointsADetectionRuleToRulesShow() {
        String ruleId = dev.cimatrix.detect.RuleSet.builder().builtin().build().rules().get(0).id();
        CliRun run = CliRun.of("explain", ruleId);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("is a detection rule", "cimatrix rules show " + ruleId);
    }

    @Test
    void outputGoesToTheNamedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deep/er/catalog.json");
        CliRun run = CliRun.of("matrix", "--format", "json", "--output", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Json.mapper().readTree(Files.readString(file)).get("techniques").size()).isGreaterThanOrEqualTo(44);
    }

    @Test
    void theOutputFilesNameTellsTheFormatWhenNoneIsGiven(@TempDir Path dir) throws IOException {
        Path sarif = dir.resolve("Results.SARIF");
        CliRun scan = CliRun.of("scan", "--fail-on", "none", "-o", sarif.toString(), "examples/seed-attack");
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(Json.mapper().readTree(Files.readString(sarif)).get("version").asString()).isEqualTo("2.1.0");

        Path text = dir.resolve("scan.sarif");
        CliRun explicit = CliRun.of("scan", "--fail-on", "none", "--format", "text", "-o", text.toString(), "examples/seed-attack");
        assertThat(explicit.exitCode()).as(explicit.err()).isZero();
        assertThat(Files.readString(text)).as("--format wins over the name").doesNotStartWith("{");

        Path markdown = dir.resolve("THREAT-MODEL.md");
        CliRun report = CliRun.of("report", "-o", markdown.toString(), "examples/seed-attack");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(markdown)).startsWith("# ");

        CliRun untold = CliRun.of("report", "-o", dir.resolve("model.txt").toString(), "examples/seed-attack");
        assertThat(untold.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(untold.err()).contains("give --format, or an -o file whose name ends in .html, .json, .md (not model.txt)");
        assertThat(Files.exists(dir.resolve("model.txt"))).isFalse();
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndLeftAsItWas(@TempDir Path dir) throws IOException {
        Path workflow = dir.resolve(".github/workflows/ci.yml");
        Files.createDirectories(workflow.getParent());
        String workflowText = "on: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo \"${{ github.event.pull_request.title }}\"\n";
        Files.writeString(workflow, workflowText);
        CliRun scan = CliRun.of("scan", "-o", dir.resolve(".github/../.github/workflows/ci.yml").toString(), dir.toString());
        assertThat(scan.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(scan.err()).contains("a file this run reads; writing the result there would overwrite it");
        assertThat(Files.readString(workflow)).isEqualTo(workflowText);

        Path log = dir.resolve("audit.jsonl");
        String logText = "{\"action\":\"repo.create\",\"actor\":\"a\",\"@timestamp\":1700000000000}\n";
        Files.writeString(log, logText);
        CliRun detect = CliRun.of("detect", "--state", dir.resolve("state.db").toString(), "-o", log.toString(), log.toString());
        assertThat(detect.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(detect.err()).contains("--output " + log + " is a file this run reads");
        assertThat(Files.readString(log)).isEqualTo(logText);
    }

    @Test
    void anUnwritableOutputExits2(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        CliRun run = CliRun.of("matrix", "--output", blocker.resolve("out.txt").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("cimatrix matrix: cannot write");
    }

    @Test
    void completionScriptCoversCommandsAndFormats() {
        CliRun run = CliRun.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("matrix").contains("explain").contains("navigator");
    }
}
