package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cimatrix's own JSON for a scan ({@code docs/schemas/scan.schema.json}): a summary, every finding with its
 * location, matrix cells and fingerprint, every problem, and the ids of the checks that ran. Written as it
 * is produced, so a large scan is never held in memory twice.
 */
final class ScanJson {
    /** Changes when a field is removed or changes meaning; new fields do not change it. */
    static final String SCHEMA_VERSION = "1";

    private final JsonGenerator g;

    private ScanJson(JsonGenerator g) {
        this.g = g;
    }

    static String render(ScanReport report) {
        StringWriter out = new StringWriter();
        write(report, out);
        return out.toString();
    }

    /** Writes the document to {@code out}, ending with a newline; {@code out} stays open. */
    static void write(ScanReport report, Writer out) {
        Json.document(out, g -> new ScanJson(g).document(report));
    }

    /** The document as a tree, for readers that inspect it. */
    static ObjectNode tree(ScanReport report) {
        return (ObjectNode) Json.mapper().readTree(render(report));
    }

    private void document(ScanReport report) {
        g.writeStartObject();
        g.writeStringProperty("schemaVersion", SCHEMA_VERSION);
        Json.string(g, "version", report.toolVersion());
        g.writeStringProperty("root", report.root().toString().replace('\\', '/'));
        summary(report.summary());
        g.writeArrayPropertyStart("findings");
        report.findings().forEach(this::finding);
        g.writeEndArray();
        g.writeArrayPropertyStart("problems");
        report.problems().forEach(this::problem);
        g.writeEndArray();
        Json.strings(g, "checks", report.checks().stream().map(CheckInfo::id).toList());
        Json.strings(g, "idleChecks", report.idleChecks());
        g.writeEndObject();
    }

    private void summary(Summary summary) {
        g.writeObjectPropertyStart("summary");
        g.writeNumberProperty("files", summary.files());
        g.writeNumberProperty("workflows", summary.workflows());
        g.writeNumberProperty("actions", summary.actions());
        g.writeNumberProperty("gitlabConfigurations", summary.gitlab());
        g.writeNumberProperty("azurePipelines", summary.azure());
        g.writeNumberProperty("circleciConfigurations", summary.circleci());
        g.writeNumberProperty("bitbucketConfigurations", summary.bitbucket());
        g.writeNumberProperty("jenkinsPipelines", summary.jenkins());
        g.writeNumberProperty("findings", summary.findings());
        g.writeObjectPropertyStart("bySeverity");
        summary.bySeverity().forEach((severity, n) -> g.writeNumberProperty(severity.label(), n));
        g.writeEndObject();
        g.writeObjectPropertyStart("byTactic");
        summary.byTactic().forEach(g::writeNumberProperty);
        g.writeEndObject();
        g.writeNumberProperty("suppressed", summary.suppressed());
        g.writeNumberProperty("baselined", summary.baselined());
        g.writeNumberProperty("problems", summary.problems());
        g.writeEndObject();
    }

    private void finding(Finding finding) {
        g.writeStartObject();
        Json.string(g, "check", finding.checkId());
        Json.string(g, "title", finding.title());
        Json.string(g, "message", finding.message());
        g.writeStringProperty("severity", finding.severity().label());
        g.writeStringProperty("confidence", finding.confidence().label());
        location(finding.location());
        g.writeArrayPropertyStart("related");
        for (RelatedLocation r : finding.related()) {
            g.writeStartObject();
            location(r.location());
            Json.string(g, "message", r.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        Json.strings(g, "cells", finding.cells());
        Json.strings(g, "techniques", finding.techniques());
        Json.strings(g, "tactics", finding.tactics());
        Json.string(g, "fingerprint", finding.fingerprint());
        g.writeObjectPropertyStart("properties");
        for (Map.Entry<String, String> fact : new TreeMap<>(finding.properties()).entrySet()) {
            Json.string(g, fact.getKey(), fact.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void problem(Problem problem) {
        g.writeStartObject();
        g.writeStringProperty("kind", problem.kind().id());
        location(problem.location());
        Json.string(g, "message", problem.message());
        g.writeBooleanProperty("fatal", problem.fatal());
        g.writeEndObject();
    }

    /** Lines and columns are 1-based and the end column is the last character's, as in the model. */
    private void location(Location location) {
        g.writeObjectPropertyStart("location");
        Json.string(g, "path", location.path());
        g.writeNumberProperty("startLine", location.startLine());
        g.writeNumberProperty("startColumn", location.startColumn());
        g.writeNumberProperty("endLine", location.endLine());
        g.writeNumberProperty("endColumn", location.endColumn());
        Json.string(g, "route", location.route());
        g.writeEndObject();
    }
}
