package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.LogSource;
import dev.cimatrix.catalog.Reference;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.catalog.Technique;
import dev.cimatrix.report.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The catalog as a STIX 2.1 bundle in ATT&CK's data model, so ATT&CK Navigator and other ATT&CK tooling can
 * load it as a custom domain: an {@code x-mitre-matrix} listing the tactics in order, {@code x-mitre-tactic}
 * objects whose short names are the techniques' kill-chain phases, {@code attack-pattern} objects whose
 * first external reference carries the CICD id, {@code course-of-action} objects for controls related to
 * techniques by {@code mitigates} (preventive) or {@code detects} (detective), and {@code x-mitre-data-source}
 * objects for log sources.
 *
 * <p>Ids are name-based UUIDs (version 5) of the catalog ids, so the bundle is the same on every run and
 * an object keeps its id across releases.
 */
public final class StixBundle {
    /** Kill-chain name shared by techniques and tactics, as ATT&CK's enterprise domain uses it. */
    public static final String KILL_CHAIN = "mitre-attack";
    public static final String SOURCE_NAME = "cimatrix";
    public static final String DOMAIN = "cicd-threat-matrix";
    /** Timestamps of the catalog release; fixed so output is reproducible. */
    static final String TIMESTAMP = "2026-11-22T00:00:00.000Z";
    private static final UUID NAMESPACE = UUID.fromString("7c3e9d2a-5b1f-4e8a-9c6d-0f2b4a8e1d37");
    private static final String ATTACK_URL = "https://attack.mitre.org/";

    private final Catalog catalog;

    public StixBundle(Catalog catalog) {
        this.catalog = catalog;
    }

    public String render() {
        return Json.pretty(tree());
    }

    public ObjectNode tree() {
        ObjectNode bundle = Json.object();
        bundle.put("type", "bundle");
        bundle.put("id", id("bundle", "cimatrix-catalog"));
        ArrayNode objects = bundle.putArray("objects");

        String identity = id("identity", "cimatrix");
        ObjectNode author = sdo("identity", identity, "cimatrix");
        author.put("identity_class", "organization");
        author.remove("created_by_ref");
        objects.add(author);

        ObjectNode matrix = sdo("x-mitre-matrix", id("x-mitre-matrix", DOMAIN), "CI/CD threat matrix");
        matrix.put("description", "Tactics and techniques of attacks on CI/CD systems.");
        matrix.set("external_references", Json.array().add(reference(DOMAIN, null, null)));
        ArrayNode tacticRefs = matrix.putArray("tactic_refs");
        objects.add(matrix);

        for (Tactic t : catalog.tactics()) {
            String tacticId = id("x-mitre-tactic", t.id());
            tacticRefs.add(tacticId);
            ObjectNode tactic = sdo("x-mitre-tactic", tacticId, t.name());
            tactic.put("description", t.description());
            tactic.put("x_mitre_shortname", t.shortName());
            ArrayNode refs = Json.array().add(reference(t.id(), null, null));
            t.attack().forEach(a -> refs.add(attackReference(a, "tactics/")));
            tactic.set("external_references", refs);
            objects.add(tactic);
        }

        for (Technique t : catalog.techniques()) {
            ObjectNode pattern = sdo("attack-pattern", techniqueId(t), t.name());
            pattern.put("description", t.description() + "\n\nExample: " + t.example());
            ArrayNode phases = pattern.putArray("kill_chain_phases");
            for (String tacticId : t.tactics()) {
                String shortName = catalog.tactic(tacticId).orElseThrow().shortName();
                phases.addObject().put("kill_chain_name", KILL_CHAIN).put("phase_name", shortName);
            }
            ArrayNode refs = Json.array().add(reference(t.id(), null, null));
            t.attack().forEach(a -> refs.add(attackReference(a, "techniques/")));
            t.owasp().forEach(o -> refs.add(reference(o, "owasp-top-10-cicd",
                    "https://owasp.org/www-project-top-10-ci-cd-security-risks/")));
            for (Reference r : t.references()) {
                refs.addObject().put("source_name", r.title()).put("url", r.url());
            }
            pattern.set("external_references", refs);
            pattern.put("x_mitre_is_subtechnique", false);
            pattern.set("x_mitre_platforms", Json.array().add("CI/CD"));
            pattern.set("x_mitre_domains", Json.array().add(DOMAIN));
            pattern.put("x_mitre_version", "1.0");
            if (t.isExtension()) {
                pattern.put("x_cimatrix_extension_source", t.extensionSource());
            }
            objects.add(pattern);
        }

        for (LogSource s : catalog.logSources()) {
            ObjectNode source = sdo("x-mitre-data-source", id("x-mitre-data-source", s.id()), s.name());
            source.put("description", s.records());
            source.set("x_mitre_collection_layers", Json.array().add(s.collection()));
            source.set("x_mitre_platforms", Json.array().add(s.platform()));
            source.set("external_references", Json.array().add(reference(s.id(), null, null)));
            objects.add(source);
        }

        for (Control c : catalog.controls()) {
            String controlId = id("course-of-action", c.id());
            ObjectNode action = sdo("course-of-action", controlId, c.name());
            action.put("description", c.implementation());
            action.set("external_references", Json.array().add(reference(c.id(), null, null)));
            action.put("x_cimatrix_kind", c.kind().label());
            if (!c.logSources().isEmpty()) {
                action.set("x_cimatrix_log_source_refs", Json.strings(c.logSourceIds().stream()
                        .map(s -> id("x-mitre-data-source", s)).toList()));
            }
            objects.add(action);
            String type = c.kind() == ControlKind.PREVENTIVE ? "mitigates" : "detects";
            for (String techniqueId : c.techniques()) {
                Technique technique = catalog.technique(techniqueId).orElseThrow();
                ObjectNode rel = sdo("relationship", id("relationship", c.id() + "->" + techniqueId), null);
                rel.put("relationship_type", type);
                rel.put("source_ref", controlId);
                rel.put("target_ref", techniqueId(technique));
                objects.add(rel);
            }
        }
        return bundle;
    }

    static String techniqueId(Technique t) {
        return id("attack-pattern", t.id());
    }

    private static ObjectNode sdo(String type, String id, String name) {
        ObjectNode o = Json.object();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", TIMESTAMP);
        o.put("modified", TIMESTAMP);
        o.put("created_by_ref", id("identity", "cimatrix"));
        if (name != null) {
            o.put("name", name);
        }
        return o;
    }

    private static ObjectNode reference(String externalId, String sourceName, String url) {
        ObjectNode ref = Json.object();
        ref.put("source_name", sourceName == null ? SOURCE_NAME : sourceName);
        ref.put("external_id", externalId);
        if (url != null) {
            ref.put("url", url);
        }
        return ref;
    }

    private static ObjectNode attackReference(String attackId, String kind) {
        return reference(attackId, "mitre-attack", ATTACK_URL + kind + attackId.replace('.', '/'));
    }

    /** A STIX identifier: the type, "--", and a version 5 UUID of the type and name. */
    static String id(String type, String name) {
        return type + "--" + uuid5(type + ":" + name);
    }

    private static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
