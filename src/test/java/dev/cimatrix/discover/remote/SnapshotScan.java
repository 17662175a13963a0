package dev.cimatrix.discover.remote;

import dev.cimatrix.testing.CliRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scans a settings snapshot as a user would (`cimatrix scan FILE`), for the tests of the fetchers. */
final class SnapshotScan {
    private SnapshotScan() {
    }

    /** The findings of a scan of the snapshot (auditor profile), as "line check severity". */
    static List<String> findings(Path dir, String snapshot) throws IOException {
        Path file = dir.resolve("settings-snapshot.yml");
        Files.writeString(file, snapshot);
        CliRun run = CliRun.of("scan", "--format", "json", "--fail-on", "none", "--profile", "auditor", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.path("problems")).as("problems reading the snapshot").isEmpty();
        List<String> findings = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            findings.add(f.path("location").path("startLine").asInt() + " " + f.path("check").asString() + " "
                    + f.path("severity").asString());
        }
        return findings;
    }

    /** The line of the snapshot where a fragment first stands. */
    static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        assertThat(at).as("snapshot has %s", fragment).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
