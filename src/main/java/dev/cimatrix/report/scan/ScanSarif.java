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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final String TAXONOMY_NAME = "CI/CD threat matrix";
    private static final String SITE = "https://cimatrix.dev";
    /** Name-based, so the taxonomy keeps its guid across runs and releases. */
    private static final String TAXONOMY_GUID =
            UUID.nameUUIDFromBytes("cimatrix:taxonomy:cicd-threat-matrix".getBytes(StandardCharsets.UTF_8)).toString();
    /** Notification descriptors, in the order of {@code tool.driver.notifications}. */
    private static final List<Problem.Kind> NOTIFICATION_KINDS = List.of(Problem.Kind.READ, Problem.Kind.CHECK);

    private final ScanReport report;
    private final List<String> paths;
    private final List<CheckInfo> rules;
    private final Map<String, Integer> ruleIndex;
    private final List<Technique> taxa;
    private final Map<String, Integer> taxonIndex;
    private final Map<String, Integer> artifactIndex;
    private final Map<String, SourceFile> filesRead;

    private ScanSarif(ScanReport report) {
        this.report = report;
        this.paths = report.paths();
        this.rules = report.checks();
        this.ruleIndex = indexes(rules, CheckInfo::id);
        this.taxa = report.catalog().techniques();
        this.taxonIndex = indexes(taxa, Technique::id);
        this.artifactIndex = indexes(paths, Function.identity());
        this.filesRead = report.inventory().files().stream()
                .collect(Collectors.toMap(SourceFile::path, Function.identity(), (a, b) -> a));
    }

    private static <T> Map<String, Integer> indexes(List<T> items, Function<T, String> id) {
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            indexes.put(id.apply(items.get(i)), i);
        }
        return indexes;
    }

    static String render(ScanReport report) {
        return Json.pretty(tree(report));
    }

    static ObjectNode tree(ScanReport report) {
        return new ScanSarif(report).log();
    }

    private ObjectNode log() {
        ObjectNode log = Json.object();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        run.set("tool", Json.object().set("driver", driver()));
        run.put("columnKind", "unicodeCodePoints"); // as the model counts them, like snakeyaml-engine
        run.set("invocations", Json.array().add(invocation()));
        ObjectNode srcRoot = run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT);
        srcRoot.put("uri", rootUri());
        srcRoot.set("description", text("The scanned root; every result's path is relative to it."));
        ArrayNode artifacts = run.putArray("artifacts");
        paths.forEach(p -> artifacts.add(artifact(p)));
        ArrayNode results = run.putArray("results");
        report.findings().forEach(f -> results.add(result(f)));
        run.set("taxonomies", Json.array().add(taxonomy()));
        return log;
    }

    private ObjectNode driver() {
        ObjectNode driver = Json.object();
        driver.put("name", "cimatrix");
        driver.put("version", report.toolVersion());
        driver.put("informationUri", SITE);
        ArrayNode ruleNodes = driver.putArray("rules");
        rules.forEach(r -> ruleNodes.add(rule(r)));
        ArrayNode notifications = driver.putArray("notifications");
        for (Problem.Kind kind : NOTIFICATION_KINDS) {
            ObjectNode descriptor = notifications.addObject();
            descriptor.put("id", kind.id());
            descriptor.set("shortDescription", text(kind == Problem.Kind.READ
                    ? "A file, or part of one, could not be read; its other files were scanned."
                    : "A check failed on a file; the other checks and files were scanned."));
        }
        driver.set("supportedTaxonomies", Json.array().add(taxonomyReference()));
        return driver;
    }

    private ObjectNode rule(CheckInfo check) {
        ObjectNode rule = Json.object();
        rule.put("id", check.id());
        rule.put("name", pascalCase(check.id()));
        rule.set("shortDescription", text(check.title()));
        rule.set("fullDescription", text(check.description()));
        rule.set("defaultConfiguration", Json.object().put("level", level(check.severity())));
        rule.put("helpUri", SITE + "/checks/" + check.id());
        ObjectNode help = rule.putObject("help");
        help.put("text", helpText(check));
        help.put("markdown", helpMarkdown(check));
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security");
        check.techniques().forEach(tags::add);
        check.tactics().forEach(tags::add);
        properties.put("precision", check.confidence().label()); // GitHub's precision shares our confidence labels
        properties.put("security-severity", check.severity().securitySeverity());
        ArrayNode relationships = rule.putArray("relationships");
        for (String technique : check.techniques()) {
            Integer index = taxonIndex.get(technique);
            if (index == null) {
                continue; // the catalog meta-test keeps cells on known techniques; never point at a missing taxon
            }
            ObjectNode target = Json.object().put("id", technique).put("index", index);
            target.set("toolComponent", taxonomyReference());
            ObjectNode relationship = relationships.addObject();
            relationship.set("target", target);
            relationship.set("kinds", Json.strings(List.of("relevant")));
        }
        return rule;
    }

    private static String helpText(CheckInfo check) {
        StringBuilder text = new StringBuilder(check.description()).append("\n\nRemediation: ")
                .append(check.remediation()).append("\n\nMatrix cells: ").append(String.join(", ", check.cells()));
        if (!check.references().isEmpty()) {
            text.append("\n\nReferences:");
            check.references().forEach(r -> text.append("\n- ").append(r.title()).append(": ").append(r.url()));
        }
        return text.toString();
    }

    private static String helpMarkdown(CheckInfo check) {
        StringBuilder md = new StringBuilder(check.description()).append("\n\n## Remediation\n\n")
                .append(check.remediation()).append("\n\n## Matrix cells\n\n");
        check.cells().forEach(c -> md.append("- `").append(c).append("`\n"));
        if (!check.references().isEmpty()) {
            md.append("\n## References\n\n");
            for (Reference r : check.references()) {
                md.append("- [").append(Markdown.escape(r.title())).append("](").append(r.url()).append(")\n");
            }
        }
        return md.toString().stripTrailing();
    }

    private ObjectNode result(Finding finding) {
        ObjectNode result = Json.object();
        result.put("ruleId", finding.checkId());
        result.put("ruleIndex", ruleIndex.get(finding.checkId()));
        result.put("level", level(finding.severity()));
        result.set("message", text(finding.message()));
        ObjectNode primary = Json.object();
        primary.set("physicalLocation", physicalLocation(finding.location()));
        if (!finding.location().route().isEmpty()) {
            ObjectNode logical = Json.object().put("fullyQualifiedName", finding.location().route()).put("kind", "element");
            primary.set("logicalLocations", Json.array().add(logical));
        }
        result.set("locations", Json.array().add(primary));
        ArrayNode related = result.putArray("relatedLocations");
        int id = 1;
        for (RelatedLocation r : finding.related()) {
            ObjectNode node = related.addObject();
            node.put("id", id++);
            node.set("physicalLocation", physicalLocation(r.location()));
            node.set("message", text(r.message()));
        }
        ArrayNode flows = codeFlows(finding);
        if (!flows.isEmpty()) {
            result.set("codeFlows", flows);
        }
        result.set("partialFingerprints", Json.object().put(FINGERPRINT_KEY, finding.fingerprint()));
        ObjectNode properties = result.putObject("properties");
        properties.put("severity", finding.severity().label());
        properties.put("confidence", finding.confidence().label());
        properties.set("techniques", Json.strings(finding.techniques()));
        properties.set("tactics", Json.strings(finding.tactics()));
        properties.set("cells", Json.strings(finding.cells()));
        if (!finding.properties().isEmpty()) {
            ObjectNode facts = properties.putObject("facts");
            new TreeMap<>(finding.properties()).forEach(facts::put);
        }
        return result;
    }

    /**
     * The attack paths that pass through this finding, one code flow each: the steps in order across files,
     * each with its cell and reason. A step with no file (a persona) has a message and no physical location.
     */
    private ArrayNode codeFlows(Finding finding) {
        ArrayNode flows = Json.array();
        for (AttackPath path : report.attackPaths()) {
            boolean through = path.steps().stream().anyMatch(step -> step.evidence().equals("finding:" + finding.checkId())
                    && finding.location().equals(step.location()));
            if (!through) {
                continue;
            }
            ObjectNode flow = flows.addObject();
            flow.set("message", text(path.id() + " (score " + path.score() + "): " + path.entry().label() + " to "
                    + path.asset().label() + ", " + String.join(" > ", path.cells())));
            ArrayNode locations = flow.putArray("threadFlows").addObject().putArray("locations");
            for (Move step : path.steps()) {
                ObjectNode location = Json.object();
                if (step.location() != null) {
                    location.set("physicalLocation", physicalLocation(step.location()));
                }
                location.set("message", text(step.cell() + ": " + step.because()));
                ObjectNode threadFlowLocation = locations.addObject();
                threadFlowLocation.set("location", location);
                threadFlowLocation.set("properties", Json.object().put("cell", step.cell())
                        .put("from", step.from()).put("to", step.to()).put("evidence", step.evidence()));
            }
        }
        return flows;
    }

    private ObjectNode invocation() {
        ObjectNode invocation = Json.object();
        List<Problem> problems = report.problems();
        // A failed check is a defect of cimatrix; an unreadable file is not, and the scan of the rest is whole.
        invocation.put("executionSuccessful", problems.stream().noneMatch(p -> p.kind() == Problem.Kind.CHECK));
        invocation.put("endTimeUtc", DateTimeFormatter.ISO_INSTANT.format(report.clock().instant()));
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (Problem problem : problems) {
            ObjectNode notification = notifications.addObject();
            notification.put("level", problem.isError() ? "error" : "warning");
            notification.set("message", text(problem.message()));
            notification.set("locations", Json.array().add(
                    Json.object().set("physicalLocation", physicalLocation(problem.location()))));
            notification.set("descriptor", Json.object().put("id", problem.kind().id())
                    .put("index", NOTIFICATION_KINDS.indexOf(problem.kind())));
        }
        return invocation;
    }

    private ObjectNode physicalLocation(Location location) {
        ObjectNode physical = Json.object();
        physical.set("artifactLocation", artifactLocation(location.path()).put("index", artifactIndex.get(location.path())));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", location.startLine());
        region.put("startColumn", location.startColumn());
        region.put("endLine", location.endLine());
        // SARIF's end column is the one after the region; the model's is the region's last character.
        region.put("endColumn", location.endColumn() + 1);
        return physical;
    }

    private ObjectNode artifact(String path) {
        ObjectNode artifact = Json.object();
        artifact.set("location", artifactLocation(path));
        SourceFile file = filesRead.get(path);
        if (file != null) {
            artifact.put("length", file.size());
            artifact.set("roles", Json.strings(List.of("analysisTarget")));
            artifact.set("properties", Json.object().put("platform", file.platform().id()).put("kind", file.kind()));
        }
        return artifact;
    }

    /** A file named outside the scanned root keeps its absolute path, as a file URI without a base. */
    private static ObjectNode artifactLocation(String path) {
        Path file = Path.of(path);
        if (file.isAbsolute()) {
            return Json.object().put("uri", file.toUri().toString());
        }
        return Json.object().put("uri", ScanReport.relativeUri(path)).put("uriBaseId", SOURCE_ROOT);
    }

    private ObjectNode taxonomy() {
        ObjectNode taxonomy = Json.object();
        taxonomy.put("name", TAXONOMY_NAME);
        taxonomy.put("guid", TAXONOMY_GUID);
        taxonomy.put("organization", "cimatrix");
        taxonomy.put("informationUri", SITE + "/matrix");
        taxonomy.set("shortDescription", text("Tactics and techniques of attacks on CI/CD systems."));
        ArrayNode taxaNodes = taxonomy.putArray("taxa");
        for (Technique technique : taxa) {
            ObjectNode taxon = taxaNodes.addObject();
            taxon.put("id", technique.id());
            taxon.put("name", technique.name());
            taxon.set("shortDescription", text(technique.name()));
            taxon.set("fullDescription", text(technique.description()));
            taxon.put("helpUri", SITE + "/matrix/" + technique.id());
            taxon.set("properties", Json.object().set("tactics", Json.strings(technique.tactics())));
        }
        return taxonomy;
    }

    private static ObjectNode taxonomyReference() {
        return Json.object().put("name", TAXONOMY_NAME).put("index", 0).put("guid", TAXONOMY_GUID);
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

    private static ObjectNode text(String value) {
        return Json.object().put("text", value);
    }
}
