package dev.cimatrix.catalog;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the catalog from {@code catalog/*.yaml} and checks that every id it refers to exists. Errors name
 * the file and the entry, so a broken edit of the data is found at once.
 */
public final class CatalogLoader {
    static final String TACTICS = "catalog/tactics.yaml";
    static final String TECHNIQUES = "catalog/techniques.yaml";
    static final String CONTROLS = "catalog/controls.yaml";
    static final String LOG_SOURCES = "catalog/log-sources.yaml";
    static final String CHECKS = "catalog/checks.yaml";

    private CatalogLoader() {
    }

    /**
     * The catalog shipped with cimatrix: from the compact form the build makes of the YAML files when it is
     * there and was made from them, else from the YAML files themselves.
     */
    public static Catalog fromClasspath() {
        Catalog compact;
        try {
            compact = CatalogCodec.readBuiltin();
        } catch (RuntimeException e) {
            compact = null; // a damaged compact form is only slower: the YAML is the source
        }
        return compact != null ? compact : fromYaml();
    }

    /** The catalog from the YAML files on the class path. */
    public static Catalog fromYaml() {
        return load(CatalogLoader::openResource);
    }

    /** Loads the catalog with the four files read through {@code open}; for tests that vary the data. */
    public static Catalog load(Function<String, Reader> open) {
        List<Tactic> tactics = entries(open, TACTICS, "tactics", CatalogLoader::tactic);
        List<Technique> techniques = entries(open, TECHNIQUES, "techniques", CatalogLoader::technique);
        List<Control> controls = entries(open, CONTROLS, "controls", CatalogLoader::control);
        List<LogSource> logSources = entries(open, LOG_SOURCES, "logSources", CatalogLoader::logSource);
        List<CheckInfo> checks = entries(open, CHECKS, "checks", CatalogLoader::check);
        Catalog catalog = new Catalog(tactics, techniques, controls, logSources, checks);
        checkReferences(catalog);
        return catalog;
    }

    private static Reader openResource(String path) {
        InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new CatalogException("catalog file " + path + " is missing from the class path");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static <T> List<T> entries(Function<String, Reader> open, String file, String key,
                                       Function<Entry, T> convert) {
        Object root;
        try (Reader reader = open.apply(file)) {
            LoadSettings settings = LoadSettings.builder()
                    .setSchema(new CoreSchema())
                    .setLabel(file)
                    .setAllowDuplicateKeys(false)
                    .build();
            root = new Load(settings).loadFromReader(reader);
        } catch (IOException | YamlEngineException e) {
            throw new CatalogException(file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get(key) instanceof List<?> list)) {
            throw new CatalogException(file + ": expected a top-level list '" + key + "'");
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw new CatalogException(file + ": " + key + "[" + i + "] is not a mapping");
            }
            result.add(convert.apply(new Entry(file, key + "[" + i + "]", item)));
        }
        return result;
    }

    private static Tactic tactic(Entry e) {
        return new Tactic(e.text("id"), e.text("name"), e.text("shortName"), e.texts("attack"),
                e.optionalText("attackNote"), e.text("description"));
    }

    private static Technique technique(Entry e) {
        List<Incident> incidents = e.maps("incidents").stream()
                .map(i -> new Incident(i.text("name"), i.integer("year")))
                .toList();
        List<Reference> references = e.maps("references").stream()
                .map(r -> new Reference(r.text("title"), r.text("url")))
                .toList();
        Entry extension = e.optionalMap("extension");
        return new Technique(e.text("id"), e.text("name"), e.texts("tactics"), e.text("description"),
                e.text("example"), e.texts("attack"), e.optionalText("attackNote"), e.texts("owasp"),
                e.optionalText("suezawa"), e.optionalText("microsoft"), incidents, references,
                extension == null ? null : extension.text("source"));
    }

    private static Control control(Entry e) {
        String kindText = e.text("kind");
        ControlKind kind;
        try {
            kind = ControlKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw e.error("kind must be preventive or detective, not '" + kindText + "'");
        }
        List<LogSourceUse> uses = e.maps("logSources").stream()
                .map(u -> new LogSourceUse(u.text("source"), u.texts("events"), u.texts("fields")))
                .toList();
        return new Control(e.text("id"), e.text("name"), kind, e.texts("techniques"), e.texts("platforms"),
                e.text("implementation"), uses);
    }

    private static LogSource logSource(Entry e) {
        return new LogSource(e.text("id"), e.text("name"), e.text("platform"), e.text("records"),
                e.text("collection"), e.text("retention"));
    }

    private static CheckInfo check(Entry e) {
        List<Reference> references = e.maps("references").stream()
                .map(r -> new Reference(r.text("title"), r.text("url")))
                .toList();
        Severity severity;
        Confidence confidence;
        try {
            severity = Severity.parse(e.text("severity"));
            confidence = Confidence.parse(e.text("confidence"));
        } catch (IllegalArgumentException ex) {
            throw e.error("severity must be info, low, medium, high or critical and confidence low, medium or high");
        }
        String profile = e.optionalText("profile") == null ? "regular" : e.text("profile");
        if (!List.of("regular", "pedantic", "auditor").contains(profile)) {
            throw e.error("profile must be regular, pedantic or auditor, not '" + profile + "'");
        }
        return new CheckInfo(e.text("id"), e.text("platform"), e.text("title"), e.text("description"), severity,
                confidence, e.texts("cells"), e.texts("controls"), e.texts("classes"), profile,
                e.text("remediation"), references, e.texts("options"), e.optionalText("fix"));
    }

    private static void checkReferences(Catalog catalog) {
        List<String> problems = new ArrayList<>();
        for (CheckInfo check : catalog.checks()) {
            for (String cell : check.cells()) {
                if (catalog.cell(cell).isEmpty()) {
                    problems.add(CHECKS + ": " + check.id() + " names unknown cell " + cell);
                }
            }
            for (String control : check.controls()) {
                if (catalog.control(control).filter(c -> c.kind() == ControlKind.PREVENTIVE).isEmpty()) {
                    problems.add(CHECKS + ": " + check.id() + " names " + control + ", not a preventive control");
                }
            }
        }
        for (Technique t : catalog.techniques()) {
            for (String tactic : t.tactics()) {
                if (catalog.tactic(tactic).isEmpty()) {
                    problems.add(TECHNIQUES + ": " + t.id() + " names unknown tactic " + tactic);
                }
            }
        }
        for (Control c : catalog.controls()) {
            for (String technique : c.techniques()) {
                if (catalog.technique(technique).isEmpty()) {
                    problems.add(CONTROLS + ": " + c.id() + " names unknown technique " + technique);
                }
            }
            for (String source : c.logSourceIds()) {
                if (catalog.logSource(source).isEmpty()) {
                    problems.add(CONTROLS + ": " + c.id() + " names unknown log source " + source);
                }
            }
            if (c.kind() == ControlKind.DETECTIVE && c.logSources().isEmpty()) {
                problems.add(CONTROLS + ": detective control " + c.id() + " names no log source");
            }
            if (c.kind() == ControlKind.PREVENTIVE && !c.logSources().isEmpty()) {
                problems.add(CONTROLS + ": preventive control " + c.id() + " names log sources");
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(String.join("\n", problems));
        }
    }

    /** One mapping of a catalog file, with typed access and errors that say where. */
    private record Entry(String file, String route, Map<?, ?> map) {
        String text(String key) {
            String value = optionalText(key);
            if (value == null || value.isBlank()) {
                throw error("missing '" + key + "'");
            }
            return value;
        }

        String optionalText(String key) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw error("'" + key + "' must be text");
            }
            return value.toString().strip();
        }

        int integer(String key) {
            Object value = map.get(key);
            if (value instanceof Number n) {
                return n.intValue();
            }
            throw error("'" + key + "' must be a whole number");
        }

        List<String> texts(String key) {
            Object value = map.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw error("'" + key + "' must be a list");
            }
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw error("'" + key + "' must list plain values");
                }
                out.add(item.toString().strip());
            }
            return out;
        }

        List<Entry> maps(String key) {
            Object value = map.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw error("'" + key + "' must be a list");
            }
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw error("'" + key + "[" + i + "]' must be a mapping");
                }
                out.add(new Entry(file, route + "." + key + "[" + i + "]", m));
            }
            return out;
        }

        Entry optionalMap(String key) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> m)) {
                throw error("'" + key + "' must be a mapping");
            }
            return new Entry(file, route + "." + key, m);
        }

        CatalogException error(String message) {
            Object id = map.get("id");
            return new CatalogException(file + ": " + (id != null ? id : route) + ": " + message);
        }
    }
}
