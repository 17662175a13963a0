package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Cell;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.Incident;
import dev.cimatrix.catalog.LogSource;
import dev.cimatrix.catalog.LogSourceUse;
import dev.cimatrix.catalog.Reference;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The whole catalog as JSON; its shape is described by {@code docs/schemas/catalog.schema.json}. */
public final class CatalogJson {
    public static final String SCHEMA_VERSION = "1";

    private final Catalog catalog;

    public CatalogJson(Catalog catalog) {
        this.catalog = catalog;
    }

    public String render() {
        return Json.pretty(tree());
    }

    public ObjectNode tree() {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode tactics = root.putArray("tactics");
        for (Tactic t : catalog.tactics()) {
            ObjectNode o = tactics.addObject();
            o.put("id", t.id());
            o.put("name", t.name());
            o.put("shortName", t.shortName());
            o.set("attack", Json.strings(t.attack()));
            o.put("description", t.description());
            o.set("techniques", Json.strings(catalog.cellsOf(t, true).stream().map(c -> c.technique().id()).toList()));
        }
        ArrayNode techniques = root.putArray("techniques");
        for (Technique t : catalog.techniques()) {
            techniques.add(technique(t));
        }
        ArrayNode controls = root.putArray("controls");
        for (Control c : catalog.controls()) {
            controls.add(control(c));
        }
        ArrayNode logSources = root.putArray("logSources");
        for (LogSource s : catalog.logSources()) {
            ObjectNode o = logSources.addObject();
            o.put("id", s.id());
            o.put("name", s.name());
            o.put("platform", s.platform());
            o.put("records", s.records());
            o.put("collection", s.collection());
            o.put("retention", s.retention());
        }
        return root;
    }

    private ObjectNode technique(Technique t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.name());
        o.set("tactics", Json.strings(t.tactics()));
        o.set("cells", Json.strings(t.tactics().stream().map(x -> Cell.id(x, t.id())).toList()));
        o.put("description", t.description());
        o.put("example", t.example());
        o.set("attack", Json.strings(t.attack()));
        if (t.attackNote() != null) {
            o.put("attackNote", t.attackNote());
        }
        o.set("owasp", Json.strings(t.owasp()));
        o.put("suezawa", t.suezawa());
        o.put("microsoft", t.microsoft());
        ArrayNode incidents = o.putArray("incidents");
        for (Incident i : t.incidents()) {
            incidents.addObject().put("name", i.name()).put("year", i.year());
        }
        ArrayNode references = o.putArray("references");
        for (Reference r : t.references()) {
            references.addObject().put("title", r.title()).put("url", r.url());
        }
        o.put("extension", t.isExtension());
        if (t.isExtension()) {
            o.put("extensionSource", t.extensionSource());
        }
        o.set("controls", Json.strings(catalog.controlsFor(t.id()).stream().map(Control::id).toList()));
        return o;
    }

    private static ObjectNode control(Control c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("kind", c.kind().label());
        o.set("techniques", Json.strings(c.techniques()));
        o.set("platforms", Json.strings(c.platforms()));
        o.put("implementation", c.implementation());
        o.set("logSources", Json.strings(c.logSourceIds()));
        ArrayNode evidence = o.putArray("evidence");
        for (LogSourceUse use : c.logSources()) {
            ObjectNode e = evidence.addObject();
            e.put("source", use.source());
            e.set("events", Json.strings(use.events()));
            e.set("fields", Json.strings(use.fields()));
        }
        return o;
    }
}
