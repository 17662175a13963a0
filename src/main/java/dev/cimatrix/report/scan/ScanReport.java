package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Location;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.Move;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything one scan produced, as every scan writer reads it. Findings are kept in {@link Analyzer#ORDER}
 * and checks by id, so each format comes out the same on every run.
 *
 * @param root        the scanned root as the user named it; finding paths are relative to it, and the text
 *                    writer reads source excerpts from it
 * @param toolVersion the cimatrix version, for the reports that name the producing tool
 * @param clock       the only source of timestamps, so tests can fix them
 * @param attackPaths attack paths through the findings, which SARIF shows as code flows; empty when not computed
 */
public record ScanReport(Inventory inventory, AnalysisResult result, Catalog catalog, Path root, String toolVersion,
                         Clock clock, List<AttackPath> attackPaths) {
    /** From how many findings masking is worth spreading over the cores. */
    private static final int PARALLEL_FINDINGS = 1000;

    /** A report without attack paths. */
    public ScanReport(Inventory inventory, AnalysisResult result, Catalog catalog, Path root, String toolVersion,
                      Clock clock) {
        this(inventory, result, catalog, root, toolVersion, clock, List.of());
    }

    public ScanReport {
        attackPaths = List.copyOf(attackPaths);
        // Masking is most of the work of a report of many findings, and each finding's is its own; a parallel
        // stream keeps the order, and the sort is stable, so the result is the same.
        List<Finding> findings = result.findings();
        Stream<Finding> each = findings.size() >= PARALLEL_FINDINGS ? findings.parallelStream() : findings.stream();
        result = result.withFindings(each.map(ScanReport::masked).sorted(Analyzer.ORDER).toList());
        Set<String> ran = result.checksRun().stream().map(CheckInfo::id).collect(Collectors.toSet());
        for (Finding finding : result.findings()) {
            if (!ran.contains(finding.checkId())) {
                throw new IllegalArgumentException("finding of " + finding.checkId() + " from a check that did not run");
            }
        }
    }

    /** A check may quote the file it read; no format prints a credential it quoted in full. */
    private static Finding masked(Finding f) {
        List<RelatedLocation> related = f.related().stream()
                .map(r -> new RelatedLocation(r.location(), SecretMask.mask(r.message()))).toList();
        return new Finding(f.checkId(), f.title(), SecretMask.mask(f.message()), f.severity(), f.confidence(),
                f.location(), related, f.cells(), f.subject(), f.fingerprint(), f.properties());
    }

    public List<Finding> findings() {
        return result.findings();
    }

    /** The checks that ran, by id. */
    public List<CheckInfo> checks() {
        return result.checksRun().stream().sorted(Comparator.comparing(CheckInfo::id)).toList();
    }

    /** Of the checks that ran, those that had nothing of theirs to look at, sorted. */
    public List<String> idleChecks() {
        return result.idleChecks().stream().sorted().toList();
    }

    public CheckInfo check(String id) {
        return result.checksRun().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id + " ran"));
    }

    /** Findings by file, files in path order. */
    public Map<String, List<Finding>> findingsByPath() {
        return findings().stream().collect(Collectors.groupingBy(f -> f.location().path(), TreeMap::new,
                Collectors.toList()));
    }

    /** What could not be read and which checks failed on which file, by file and line. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        inventory.problems().forEach(p -> problems.add(Problem.of(Problem.Kind.READ, p)));
        result.checkFailures().forEach(p -> problems.add(Problem.of(Problem.Kind.CHECK, p)));
        problems.sort(Problem.ORDER);
        return List.copyOf(problems);
    }

    /** "Execution (EXEC)", or the bare id for a tactic the catalog does not know. */
    public String tacticLabel(String id) {
        return catalog.tactic(id).map(t -> t.name() + " (" + t.id() + ")").orElse(id);
    }

    public Summary summary() {
        return Summary.of(this);
    }

    /**
     * Every file path a report may point at: the files read, then any path that only a finding, a problem or
     * an attack path's step names (the threat-model file), so indexes into this list are always valid.
     */
    public List<String> paths() {
        Set<String> paths = new LinkedHashSet<>();
        inventory.files().forEach(f -> paths.add(f.path()));
        Stream.concat(
                        findings().stream().flatMap(f -> Stream.concat(Stream.of(f.location()),
                                f.related().stream().map(RelatedLocation::location))),
                        Stream.concat(problems().stream().map(Problem::location),
                                attackPaths.stream().flatMap(p -> p.steps().stream()).map(Move::location)
                                        .filter(java.util.Objects::nonNull)))
                .map(Location::path)
                .filter(p -> !paths.contains(p))
                .sorted()
                .forEach(paths::add);
        return List.copyOf(paths);
    }

    /**
     * A root-relative path as a URI reference: every byte outside the unreserved and path characters is
     * percent-encoded, so a first segment with a colon never reads as a scheme and parentheses never end a
     * Markdown link.
     */
    public static String relativeUri(String path) {
        StringBuilder uri = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'*+,;=@".indexOf(c) >= 0) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return uri.toString();
    }
}
