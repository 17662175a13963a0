package dev.cimatrix.analyze;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prints how many of the findings zizmor's and poutine's own tests expect on their fixtures the registered
 * checks match (same file, within three lines), per peer audit, and which clean zizmor fixtures get medium or
 * worse findings: the measure of {@code ../shared/tools/conformance}, runnable before the scan command
 * exists. It reports and never fails on recall.
 */
class PeerConformanceTest {
    private static final int SLACK = 3;
    private static final Set<String> COUNTED_ZIZMOR_LEVELS = Set.of("error", "warning");

    private record Ours(int start, int end, Severity severity, String check) {
    }

    @Test
    void printRecallPerPeerAudit() throws Exception {
        Assumptions.assumeTrue(SharedData.present(), "shared corpus not present");
        Path fixtures = SharedData.file("corpus/peer-fixtures");
        ObjectMapper json = JsonMapper.builder().build();
        Map<String, int[]> perAudit = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> flaggedClean = new ArrayList<>();
        for (String peer : List.of("zizmor", "poutine")) {
            for (String line : Files.readAllLines(fixtures.resolve(peer).resolve("expected.jsonl"))) {
                JsonNode record = json.readTree(line);
                String file = record.get("file").asString();
                if (!Files.isRegularFile(fixtures.resolve(peer).resolve(file))) {
                    continue;
                }
                List<String[]> expected = new ArrayList<>();
                if (peer.equals("zizmor")) {
                    String kind = record.path("kind").asString();
                    JsonNode run = primaryRun(record);
                    if (run == null || run.path("fatal_error").asBoolean()
                            || !(kind.equals("workflow") || kind.equals("composite-or-docker-action"))) {
                        continue;
                    }
                    for (JsonNode f : run.get("findings")) {
                        if (COUNTED_ZIZMOR_LEVELS.contains(f.get("level").asString())) {
                            expected.add(new String[] {"zizmor:" + f.get("audit").asString(), f.get("line").asString()});
                        }
                    }
                } else {
                    if (record.get("audits") == null || record.get("audits").isNull()) {
                        continue;
                    }
                    for (JsonNode f : record.path("findings")) {
                        expected.add(new String[] {"poutine:" + f.get("rule").asString(),
                                String.valueOf(f.path("line").asInt(0))});
                    }
                }
                List<Ours> ours = scan(fixtures.resolve(peer), file);
                for (String[] e : expected) {
                    int at = Integer.parseInt(e[1]);
                    boolean hit = ours.stream().anyMatch(o -> at == 0 || (o.start() - SLACK <= at && at <= o.end() + SLACK));
                    int[] counts = perAudit.computeIfAbsent(e[0], k -> new int[2]);
                    counts[0]++;
                    counts[1] += hit ? 1 : 0;
                    if (!hit) {
                        misses.add(peer + "/" + file + ":" + at + " " + e[0]);
                    }
                }
                if (peer.equals("zizmor") && record.path("negative").asBoolean()) {
                    ours.stream().filter(o -> o.severity().compareTo(Severity.MEDIUM) >= 0)
                            .forEach(o -> flaggedClean.add(file + ":" + o.start() + " " + o.check()));
                }
            }
        }
        perAudit.forEach((audit, c) -> System.out.printf("%-50s %3d/%-3d%n", audit, c[1], c[0]));
        misses.forEach(m -> System.out.println("missed: " + m));
        flaggedClean.forEach(f -> System.out.println("clean fixture flagged: " + f));
    }

    private static JsonNode primaryRun(JsonNode record) {
        for (JsonNode run : record.path("runs")) {
            if (run.get("args").isEmpty() && run.get("config").isEmpty() && !run.get("online").asBoolean()) {
                return run;
            }
        }
        return null;
    }

    private static List<Ours> scan(Path root, String file) throws Exception {
        Inventory inventory = new Discovery().discover(root, List.of(root.resolve(file)), null);
        Analyzer analyzer = new Analyzer(Catalog.builtin(), CheckRegistry.all(ScanConfig.defaults()),
                ScanConfig.defaults(), Profile.REGULAR, Set.of());
        return analyzer.analyze(inventory).findings().stream()
                .filter(f -> Path.of(f.location().path()).normalize().equals(Path.of(file).normalize()))
                .map(f -> new Ours(f.location().startLine(), f.location().endLine(), f.severity(), f.checkId()))
                .toList();
    }
}
