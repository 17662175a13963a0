package dev.cimatrix.analyze.conformance;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures, per peer audit, how many of the peer's expected findings the corresponding cimatrix check
 * reports in the same file within three lines (the rule of {@code shared/tools/conformance}, but counting
 * only the matching check), and which of zizmor's clean fixtures it flags medium or worse. It prints the
 * numbers and never fails on them: recall is evidence for the notes, not a gate.
 */
class SupplyChainConformanceTest {
    private static final int SLACK = 3;
    private static final Map<String, String> ZIZMOR = Map.of(
            "unpinned-images", "gha-unpinned-images",
            "archived-uses", "gha-archived-uses",
            "typosquat-uses", "gha-typosquat-uses",
            "unpinned-tools", "gha-unpinned-tools",
            "hardcoded-container-credentials", "gha-hardcoded-credentials",
            "insecure-commands", "gha-insecure-commands",
            "github-app", "gha-github-app",
            "known-vulnerable-actions", "gha-known-compromised");
    private static final Map<String, String> POUTINE = Map.of(
            "unverified_script_exec", "gha-remote-script",
            "debug_enabled", "gha-debug-enabled",
            "github_action_from_unverified_creator_used", "gha-unverified-creator",
            "known_vulnerability_in_build_component", "gha-known-compromised",
            "unpinnable_action", "gha-unpinnable-action");

    private record Expected(String file, int line, String audit) {
    }

    @Test
    void printRecallOfSupplyChainChecks() throws Exception {
        Assumptions.assumeTrue(SharedData.present(), "shared data not present");
        Path peers = SharedData.file("corpus/peer-fixtures");
        report("zizmor (regular run)", peers.resolve("zizmor"), zizmor(peers.resolve("zizmor"), false), ZIZMOR);
        report("zizmor (any offline run)", peers.resolve("zizmor"), zizmor(peers.resolve("zizmor"), true), ZIZMOR);
        report("poutine", peers.resolve("poutine"), poutine(peers.resolve("poutine")), POUTINE);
    }

    private static List<Expected> zizmor(Path dir, boolean anyRun) throws Exception {
        List<Expected> out = new ArrayList<>();
        for (JsonNode r : lines(dir.resolve("expected.jsonl"))) {
            String kind = r.path("kind").asString("");
            if (!kind.equals("workflow") && !kind.equals("composite-or-docker-action")) {
                continue;
            }
            for (JsonNode run : r.path("runs")) {
                boolean plain = run.path("args").isEmpty() && run.path("config").isEmpty();
                if (run.path("online").asBoolean() || run.path("fatal_error").asBoolean() || (!anyRun && !plain)) {
                    continue;
                }
                for (JsonNode f : run.path("findings")) {
                    String level = f.path("level").asString();
                    if (ZIZMOR.containsKey(f.path("audit").asString()) && (level.equals("error") || level.equals("warning"))) {
                        out.add(new Expected(r.path("file").asString(), f.path("line").asInt(), f.path("audit").asString()));
                    }
                }
                if (!anyRun) {
                    break;
                }
            }
        }
        return out;
    }

    private static List<Expected> poutine(Path dir) throws Exception {
        List<Expected> out = new ArrayList<>();
        for (JsonNode r : lines(dir.resolve("expected.jsonl"))) {
            if (!r.path("platform").asString("").equals("github-actions")) {
                continue;
            }
            for (JsonNode f : r.path("findings")) {
                if (POUTINE.containsKey(f.path("rule").asString())) {
                    out.add(new Expected(r.path("file").asString(), f.path("line").asInt(0), f.path("rule").asString()));
                }
            }
        }
        return out;
    }

    private static void report(String title, Path dir, List<Expected> expected, Map<String, String> checkOf)
            throws Exception {
        List<Path> files = new ArrayList<>();
        for (Expected e : expected) {
            Path p = dir.resolve(e.file());
            if (!files.contains(p)) {
                files.add(p);
            }
        }
        List<Finding> findings = scan(dir, files);
        Map<String, int[]> perAudit = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Expected e : expected) {
            String check = checkOf.get(e.audit());
            boolean hit = findings.stream().anyMatch(f -> f.checkId().equals(check)
                    && f.location().path().equals(e.file())
                    && (e.line() == 0 || (f.location().startLine() - SLACK <= e.line()
                    && e.line() <= Math.max(f.location().endLine(), f.location().startLine()) + SLACK)));
            int[] counts = perAudit.computeIfAbsent(e.audit() + " -> " + check, k -> new int[2]);
            counts[0]++;
            counts[1] += hit ? 1 : 0;
            if (!hit) {
                misses.add(e.file() + ":" + e.line() + " " + e.audit());
            }
        }
        System.out.println("== " + title);
        perAudit.forEach((k, v) -> System.out.printf("   %-70s %d/%d%n", k, v[1], v[0]));
        misses.forEach(m -> System.out.println("   missed: " + m));
        if (title.startsWith("zizmor (regular")) {
            negatives(dir, Set.copyOf(checkOf.values()));
        }
    }

    private static void negatives(Path dir, Set<String> checks) throws Exception {
        List<Path> clean = new ArrayList<>();
        for (JsonNode r : lines(dir.resolve("expected.jsonl"))) {
            String kind = r.path("kind").asString("");
            if (r.path("negative").asBoolean() && (kind.equals("workflow") || kind.equals("composite-or-docker-action"))) {
                clean.add(dir.resolve(r.path("file").asString()));
            }
        }
        List<String> flagged = scan(dir, clean).stream()
                .filter(f -> checks.contains(f.checkId()) && f.severity().compareTo(Severity.MEDIUM) >= 0)
                .map(f -> f.location().path() + ":" + f.location().startLine() + " " + f.checkId()).toList();
        System.out.println("   clean fixtures: " + clean.size() + ", flagged medium or worse by these checks: " + flagged);
    }

    private static List<Finding> scan(Path root, List<Path> files) throws Exception {
        Inventory inventory = new Discovery().discover(root, files, null);
        Analyzer analyzer = new Analyzer(Catalog.builtin(), CheckRegistry.all(ScanConfig.defaults()),
                ScanConfig.defaults(), Profile.REGULAR, Set.of());
        return analyzer.analyze(inventory).findings();
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(mapper.readTree(line));
            }
        }
        return out;
    }
}
