package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Reference;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.model.Location;
import dev.cimatrix.paths.AttackPath;
import dev.cimatrix.paths.Move;
import dev.cimatrix.model.SourceFile;
import dev.cimatrix.report.Json;
import dev.cimatrix.report.Markdown;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SARIF 2.1.0 as DESIGN.md specifies it and GitHub code scanning reads it: one run whose driver lists a rule
 * for every check that ran, results with one primary location relative to {@code %SRCROOT%} and fingerprints
 * without line numbers, the matrix as a taxonomy the rules relate to, every file read as an artifact, and
 * every problem as a tool execution notification so no input is lost silently.
 */
final class ScanSarif {
    private static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final String SOURCE_ROOT = "%SRCROOT%";
    private static final String FINGERPRINT_KEY = "cimatrix/v1";
    /** How an attack path's step names a finding as its evidence: {@code finding:<check-id>}. */
    private static final String FINDING_EVIDENCE = "finding:";
    private static final String TAXONOMY_NAME = "CI/CD threat matrix";
    private static final String SITE = "https://cimatrix.dev";
    /** Name-based, so the taxonomy keeps its guid across runs and releases. */
    private static final String TAXONOMY_GUID =
            UUID.nameUUIDFromBytes("cimatrix:taxonomy:cicd-threat-matrix".getBytes(StandardCharsets.UTF_8)).toString();
    /** Notification descriptors, in the order of {@code tool.driver.notifications}. */
    private static final List<Problem.Kind> NOTIFICATION_KINDS = List.of(Problem.Kind.READ, Problem.Kind.CHECK);

    private final ScanReport report;
    private final JsonGenerator g;
    private final List<String> paths;
    private final List<CheckInfo> rules;
    private final Map<String, Integer> ruleIndex;
    private final List<Technique> taxa;
    private final Map<String, Integer> taxonIndex;
    private final Map<String, Integer> artifactIndex;
    private final Map<String, SourceFile> filesRead;
    private final Map<String, ArtifactUri> uris = new HashMap<>();
    private final Map<FlowKey, List<AttackPath>> flowsThrough;

    /** The URI of a path as an artifact location shows it; {@code relative} ones are relative to the root. */
    private record ArtifactUri(String uri, boolean relative) {
    }

    /**
     * A finding's check and primary location, as the steps of attack paths name them. Looked up for every
     * result, so compared by hand-written methods rather than the record's generated ones.
     */
    private record FlowKey(String checkId, Location location) {
        @Override
        public boolean equals(Object other) {
            return other instanceof FlowKey k && checkId.equals(k.checkId) && Objects.equals(location, k.location);
        }

        @Override
        public int hashCode() {
            return 31 * checkId.hashCode() + Objects.hashCode(location);
        }
    }

    private ScanSarif(ScanReport report, JsonGenerator g) {
        this.report = report;
        this.g = g;
        this.paths = report.paths();
        this.rules = report.checks();
        this.ruleIndex = indexes(rules, CheckInfo::id);
        this.taxa = report.catalog().techniques();
        this.taxonIndex = indexes(taxa, Technique::id);
        this.artifactIndex = indexes(paths, Function.identity());
        this.filesRead = report.inventory().files().stream()
                .collect(Collectors.toMap(SourceFile::path, Function.identity(), (a, b) -> a));
        this.flowsThrough = flowsThrough(report.attackPaths());
    }

    private static <T> Map<String, Integer> indexes(List<T> items, Function<T, String> id) {
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            indexes.put(id.apply(items.get(i)), i);
        }
        return indexes;
    }

    /**
     * The attack paths through each finding, in path order, found once for all findings: a path passes
     * through a finding when one of its steps has the finding's check as evidence and its location.
     */
    private static Map<FlowKey, List<AttackPath>> flowsThrough(List<AttackPath> attackPaths) {
        Map<FlowKey, List<AttackPath>> through = new HashMap<>();
        for (AttackPath path : attackPaths) {
            for (Move step : path.steps()) {
                if (step.location() == null || !step.evidence().startsWith(FINDING_EVIDENCE)) {
                    continue;
                }
                FlowKey key = new FlowKey(step.evidence().substring(FINDING_EVIDENCE.length()), step.location());
                List<AttackPath> list = through.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != path) {
                    list.add(path);
                }
            }
        }
        return through;
    }

    static String render(ScanReport report) {
        StringWriter out = new StringWriter();
        write(report, out);
        return out.toString();
    }

    /** Writes the log to {@code out} as it is produced, ending with a newline; {@code out} stays open. */
    static void write(ScanReport report, Writer out) {
        Json.document(out, g -> new ScanSarif(report, g).log());
    }

    /** The log as a tree, for readers that inspect it. */
    static ObjectNode tree(ScanReport report) {
        return (ObjectNode) Json.mapper().readTree(render(report));
    }

    private void log() {
        g.writeStartObject();
        g.writeStringProperty("$schema", SCHEMA_URI);
        g.writeStringProperty("version", "2.1.0");
        g.writeArrayPropertyStart("runs");
        g.writeStartObject();
        g.writeObjectPropertyStart("tool");
        g.writeName("driver");
        driver();
        g.writeEndObject();
        g.writeStringProperty("columnKind", "unicodeCodePoints"); // as the model counts them, like snakeyaml-engine
        g.writeArrayPropertyStart("invocations");
        invocation();
        g.writeEndArray();
        g.writeObjectPropertyStart("originalUriBaseIds");
        g.writeObjectPropertyStart(SOURCE_ROOT);
        g.writeStringProperty("uri", rootUri());
        text("description", "The scanned root; every result's path is relative to it.");
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayPropertyStart("artifacts");
        paths.forEach(this::artifact);
        g.writeEndArray();
        g.writeArrayPropertyStart("results");
        report.findings().forEach(this::result);
        g.writeEndArray();
        g.writeArrayPropertyStart("taxonomies");
        taxonomy();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void driver() {
        g.writeStartObject();
        g.writeStringProperty("name", "cimatrix");
        Json.string(g, "version", report.toolVersion());
        g.writeStringProperty("informationUri", SITE);
        g.writeArrayPropertyStart("rules");
        rules.forEach(this::rule);
        g.writeEndArray();
        g.writeArrayPropertyStart("notifications");
        for (Problem.Kind kind : NOTIFICATION_KINDS) {
            g.writeStartObject();
            g.writeStringProperty("id", kind.id());
            text("shortDescription", kind == Problem.Kind.READ
                    ? "A file, or part of one, could not be read; its other files were scanned."
                    : "A check failed on a file; the other checks and files were scanned.");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("supportedTaxonomies");
        taxonomyReference();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void rule(CheckInfo check) {
        g.writeStartObject();
        g.writeStringProperty("id", check.id());
        g.writeStringProperty("name", pascalCase(check.id()));
        text("shortDescription", check.title());
        text("fullDescription", check.description());
        g.writeObjectPropertyStart("defaultConfiguration");
        g.writeStringProperty("level", level(check.severity()));
        g.writeEndObject();
        g.writeStringProperty("helpUri", SITE + "/checks/" + check.id());
        g.writeObjectPropertyStart("help");
        g.writeStringProperty("text", helpText(check));
        g.writeStringProperty("markdown", helpMarkdown(check));
        g.writeEndObject();
        g.writeObjectPropertyStart("properties");
        g.writeArrayPropertyStart("tags");
        g.writeString("security");
        check.techniques().forEach(g::writeString);
        check.tactics().forEach(g::writeString);
        g.writeEndArray();
        g.writeStringProperty("precision", check.confidence().label()); // GitHub's precision shares our confidence labels
        g.writeStringProperty("security-severity", check.severity().securitySeverity());
        g.writeEndObject();
        g.writeArrayPropertyStart("relationships");
        for (String technique : check.techniques()) {
            Integer index = taxonIndex.get(technique);
            if (index == null) {
                continue; // the catalog meta-test keeps cells on known techniques; never point at a missing taxon
            }
            g.writeStartObject();
            g.writeObjectPropertyStart("target");
            g.writeStringProperty("id", technique);
            g.writeNumberProperty("index", index);
            g.writeName("toolComponent");
            taxonomyReference();
            g.writeEndObject();
            Json.strings(g, "kinds", List.of("relevant"));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String helpText(CheckInfo check) {
        StringBuilder text = new StringBuilder(check.description()).append("\n\nRemediation: ")
                .append(check.remediation());
        if (check.fixable()) {
            text.append("\n\nAutomatic fix: cimatrix scan --fix ").append(check.fix())
                    .append("; cimatrix scan --fix-diff shows the change first.");
        }
        text.append("\n\nMatrix cells: ").append(String.join(", ", check.cells()));
        if (!check.references().isEmpty()) {
            text.append("\n\nReferences:");
            check.references().forEach(r -> text.append("\n- ").append(r.title()).append(": ").append(r.url()));
        }
        return text.toString();
    }

    private static String helpMarkdown(CheckInfo check) {
        StringBuilder md = new StringBuilder(check.description()).append("\n\n## Remediation\n\n")
                .append(check.remediation());
        if (check.fixable()) {
            md.append("\n\n## Automatic fix\n\n`cimatrix scan --fix` ").append(check.fix())
                    .append("; `cimatrix scan --fix-diff` shows the change first.");
        }
        md.append("\n\n## Matrix cells\n\n");
        check.cells().forEach(c -> md.append("- `").append(c).append("`\n"));
        if (!check.references().isEmpty()) {
            md.append("\n## References\n\n");
            for (Reference r : check.references()) {
                md.append("- [").append(Markdown.escape(r.title())).append("](").append(r.url()).append(")\n");
            }
        }
        return md.toString().stripTrailing();
    }

    private void result(Finding finding) {
        g.writeStartObject();
        g.writeStringProperty("ruleId", finding.checkId());
        Json.number(g, "ruleIndex", ruleIndex.get(finding.checkId()));
        g.writeStringProperty("level", level(finding.severity()));
        text("message", finding.message());
        g.writeArrayPropertyStart("locations");
        g.writeStartObject();
        physicalLocation(finding.location());
        if (!finding.location().route().isEmpty()) {
            g.writeArrayPropertyStart("logicalLocations");
            g.writeStartObject();
            g.writeStringProperty("fullyQualifiedName", finding.location().route());
            g.writeStringProperty("kind", "element");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayPropertyStart("relatedLocations");
        int id = 1;
        for (RelatedLocation r : finding.related()) {
            g.writeStartObject();
            g.writeNumberProperty("id", id++);
            physicalLocation(r.location());
            text("message", r.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        List<AttackPath> flows = flowsThrough.getOrDefault(new FlowKey(finding.checkId(), finding.location()), List.of());
        if (!flows.isEmpty()) {
            g.writeArrayPropertyStart("codeFlows");
            flows.forEach(this::codeFlow);
            g.writeEndArray();
        }
        g.writeObjectPropertyStart("partialFingerprints");
        Json.string(g, FINGERPRINT_KEY, finding.fingerprint());
        g.writeEndObject();
        g.writeObjectPropertyStart("properties");
        g.writeStringProperty("severity", finding.severity().label());
        g.writeStringProperty("confidence", finding.confidence().label());
        Json.strings(g, "techniques", finding.techniques());
        Json.strings(g, "tactics", finding.tactics());
        Json.strings(g, "cells", finding.cells());
        if (!finding.properties().isEmpty()) {
            g.writeObjectPropertyStart("facts");
            for (Map.Entry<String, String> fact : new TreeMap<>(finding.properties()).entrySet()) {
                Json.string(g, fact.getKey(), fact.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * One attack path through a finding as a code flow: the steps in order across files, each with its cell
     * and reason. A step with no file (a persona) has a message and no physical location.
     */
    private void codeFlow(AttackPath path) {
        g.writeStartObject();
        text("message", path.id() + " (score " + path.score() + "): " + path.entry().label() + " to "
                + path.asset().label() + ", " + String.join(" > ", path.cells()));
        g.writeArrayPropertyStart("threadFlows");
        g.writeStartObject();
        g.writeArrayPropertyStart("locations");
        for (Move step : path.steps()) {
            g.writeStartObject();
            g.writeObjectPropertyStart("location");
            if (step.location() != null) {
                physicalLocation(step.location());
            }
            text("message", step.cell() + ": " + step.because());
            g.writeEndObject();
            g.writeObjectPropertyStart("properties");
            Json.string(g, "cell", step.cell());
            Json.string(g, "from", step.from());
            Json.string(g, "to", step.to());
            Json.string(g, "evidence", step.evidence());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void invocation() {
        List<Problem> problems = report.problems();
        g.writeStartObject();
        // A failed check is a defect of cimatrix; an unreadable file is not, and the scan of the rest is whole.
        g.writeBooleanProperty("executionSuccessful", problems.stream().noneMatch(p -> p.kind() == Problem.Kind.CHECK));
        g.writeStringProperty("endTimeUtc", DateTimeFormatter.ISO_INSTANT.format(report.clock().instant()));
        g.writeArrayPropertyStart("toolExecutionNotifications");
        for (Problem problem : problems) {
            g.writeStartObject();
            g.writeStringProperty("level", problem.isError() ? "error" : "warning");
            text("message", problem.message());
            g.writeArrayPropertyStart("locations");
            g.writeStartObject();
            physicalLocation(problem.location());
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectPropertyStart("descriptor");
            g.writeStringProperty("id", problem.kind().id());
            g.writeNumberProperty("index", NOTIFICATION_KINDS.indexOf(problem.kind()));
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The {@code physicalLocation} property of the object being written. */
    private void physicalLocation(Location location) {
        g.writeObjectPropertyStart("physicalLocation");
        g.writeObjectPropertyStart("artifactLocation");
        artifactUri(location.path());
        Json.number(g, "index", artifactIndex.get(location.path()));
        g.writeEndObject();
        g.writeObjectPropertyStart("region");
        g.writeNumberProperty("startLine", location.startLine());
        g.writeNumberProperty("startColumn", location.startColumn());
        g.writeNumberProperty("endLine", location.endLine());
        // SARIF's end column is the one after the region; the model's is the region's last character.
        g.writeNumberProperty("endColumn", location.endColumn() + 1);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void artifact(String path) {
        g.writeStartObject();
        g.writeObjectPropertyStart("location");
        artifactUri(path);
        g.writeEndObject();
        SourceFile file = filesRead.get(path);
        if (file != null) {
            g.writeNumberProperty("length", file.size());
            Json.strings(g, "roles", List.of("analysisTarget"));
            g.writeObjectPropertyStart("properties");
            Json.string(g, "platform", file.platform().id());
            Json.string(g, "kind", file.kind());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * The {@code uri} (and {@code uriBaseId}) of an artifact location, worked out once per path. A file named
     * outside the scanned root keeps its absolute path, as a file URI without a base.
     */
    private void artifactUri(String path) {
        ArtifactUri uri = uris.computeIfAbsent(path, p -> {
            Path file = Path.of(p);
            return file.isAbsolute() ? new ArtifactUri(file.toUri().toString(), false)
                    : new ArtifactUri(ScanReport.relativeUri(p), true);
        });
        g.writeStringProperty("uri", uri.uri());
        if (uri.relative()) {
            g.writeStringProperty("uriBaseId", SOURCE_ROOT);
        }
    }

    private void taxonomy() {
        g.writeStartObject();
        g.writeStringProperty("name", TAXONOMY_NAME);
        g.writeStringProperty("guid", TAXONOMY_GUID);
        g.writeStringProperty("organization", "cimatrix");
        g.writeStringProperty("informationUri", SITE + "/matrix");
        text("shortDescription", "Tactics and techniques of attacks on CI/CD systems.");
        g.writeArrayPropertyStart("taxa");
        for (Technique technique : taxa) {
            g.writeStartObject();
            Json.string(g, "id", technique.id());
            Json.string(g, "name", technique.name());
            text("shortDescription", technique.name());
            text("fullDescription", technique.description());
            g.writeStringProperty("helpUri", SITE + "/matrix/" + technique.id());
            g.writeObjectPropertyStart("properties");
            Json.strings(g, "tactics", technique.tactics());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void taxonomyReference() {
        g.writeStartObject();
        g.writeStringProperty("name", TAXONOMY_NAME);
        g.writeNumberProperty("index", 0);
        g.writeStringProperty("guid", TAXONOMY_GUID);
        g.writeEndObject();
    }

    /** GitHub code scanning maps error, warning and note onto its own alert levels. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private String rootUri() {
        String uri = report.root().toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** {@code gha-untrusted-checkout} becomes {@code GhaUntrustedCheckout}. */
    static String pascalCase(String id) {
        return Arrays.stream(id.split("[^A-Za-z0-9]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    /** {@code name: {"text": value}}, SARIF's message and description form. */
    private void text(String name, String value) {
        g.writeObjectPropertyStart(name);
        Json.string(g, "text", value);
        g.writeEndObject();
    }
}
