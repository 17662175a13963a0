package dev.cimatrix.discover.declared;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.declared.DeclaredModel;
import dev.cimatrix.model.declared.DeclaredModel.Asset;
import dev.cimatrix.model.declared.DeclaredModel.CollectedLog;
import dev.cimatrix.model.declared.DeclaredModel.Component;
import dev.cimatrix.model.declared.DeclaredModel.ControlInPlace;
import dev.cimatrix.model.declared.DeclaredModel.Identity;
import dev.cimatrix.model.declared.DeclaredModel.Persona;
import dev.cimatrix.model.declared.DeclaredModel.Reach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code cimatrix-model.yml}, the declared threat model (documented in {@code docs/threat-model.md},
 * schema in {@code docs/schemas/cimatrix-model.schema.json}). Every problem is collected with its line:
 * unknown keys, values outside their lists, catalog ids the catalog does not have, duplicate ids, and
 * references to components, identities or assets that are not declared.
 */
public final class DeclaredModelReader {
    /** The name looked for at the scanned root. */
    public static final String FILE_NAME = "cimatrix-model.yml";

    static final Set<String> COMPONENT_TYPES = Set.of("scm", "repository", "ci-server", "runner", "cd-tool", "registry",
            "vault", "cluster", "cloud-account");
    static final Set<String> EXPOSURES = Set.of("public", "internal", "private");
    static final Set<String> IDENTITY_KINDS = Set.of("secret", "token", "oidc-role", "cloud-role", "service-account", "user");
    static final Set<String> ASSET_KINDS = Set.of("source-code", "data", "logs", "compute", "artifact", "service", "secrets");
    static final Set<String> CRITICALITIES = Set.of("low", "medium", "high", "critical");
    static final Set<String> PERSONA_KINDS = Set.of("outside-contributor", "maintainer", "ci-admin",
            "compromised-dependency", "leaked-token");
    static final Set<String> CONTROL_STATUSES = Set.of("implemented", "partial", "planned", "absent");

    private final Catalog catalog;
    private final String path;
    private final List<ModelProblem> problems = new ArrayList<>();

    private DeclaredModelReader(Catalog catalog, String path) {
        this.catalog = catalog;
        this.path = path;
    }

    /** Reads and validates a model file, reported under {@code displayPath}. */
    public static DeclaredModel read(Path file, String displayPath, Catalog catalog) throws InvalidModelException {
        try {
            return read(new YamlLoader().load(file, displayPath, YamlDialect.MERGING), catalog);
        } catch (YamlLoadException e) {
            throw new InvalidModelException(List.of(new ModelProblem(e.location(), e.reason())));
        }
    }

    /** Reads and validates model text, for tests and tools. */
    public static DeclaredModel parse(String displayPath, String text, Catalog catalog) throws InvalidModelException {
        try {
            return read(new YamlLoader().parse(displayPath, text, YamlDialect.MERGING), catalog);
        } catch (YamlLoadException e) {
            throw new InvalidModelException(List.of(new ModelProblem(e.location(), e.reason())));
        }
    }

    private static DeclaredModel read(YamlDocumentSet doc, Catalog catalog) throws InvalidModelException {
        DeclaredModelReader reader = new DeclaredModelReader(catalog, doc.path());
        DeclaredModel model = reader.model(doc);
        if (!reader.problems.isEmpty()) {
            throw new InvalidModelException(reader.problems);
        }
        return model;
    }

    private DeclaredModel model(YamlDocumentSet doc) {
        Optional<YamlNode> root = doc.firstRoot();
        if (root.isEmpty() || (root.get() instanceof YamlScalar s && s.isNull())) {
            return new DeclaredModel(path, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        if (!(root.get() instanceof YamlMapping map)) {
            problem(root.get().location(), "the model should be a mapping of sections");
            return DeclaredModel.absent();
        }
        keys(map, Set.of("version", "components", "identities", "reachability", "assets", "personas", "log-sources",
                "controls"));
        map.getScalar("version").filter(v -> !v.text().equals("1"))
                .ifPresent(v -> problem(v.location(), "unknown version '" + v.text() + "'; this cimatrix reads version 1"));
        List<Component> components = list(map, "components", this::component);
        List<Identity> identities = list(map, "identities", this::identity);
        List<Reach> reach = list(map, "reachability", this::reach);
        List<Asset> assets = list(map, "assets", this::asset);
        List<Persona> personas = list(map, "personas", this::persona);
        List<CollectedLog> logs = list(map, "log-sources", this::logSource);
        List<ControlInPlace> controls = list(map, "controls", this::control);

        Map<String, Location> componentIds = unique(components, Component::id, Component::location, "component");
        Map<String, Location> identityIds = unique(identities, Identity::id, Identity::location, "identity");
        unique(assets, Asset::id, Asset::location, "asset");
        unique(personas, Persona::id, Persona::location, "persona");
        for (Identity i : identities) {
            i.grants().forEach(g -> reference(componentIds, g, i.location(), "identity " + i.id() + " grants"));
        }
        for (Reach r : reach) {
            reference(componentIds, r.from(), r.location(), "reachability from");
            reference(componentIds, r.to(), r.location(), "reachability to");
        }
        for (Asset a : assets) {
            if (a.in() != null) {
                reference(componentIds, a.in(), a.location(), "asset " + a.id() + " is in");
            }
        }
        for (Persona p : personas) {
            if (p.token() != null) {
                reference(identityIds, p.token(), p.location(), "persona " + p.id() + " token");
            } else if (p.kind() != null && p.kind().equals("leaked-token")) {
                problem(p.location(), "persona " + p.id() + " is a leaked-token: say which identity leaked with 'token:'");
            }
        }
        return new DeclaredModel(path, components, identities, reach, assets, personas, logs, controls);
    }

    // ---- sections -----------------------------------------------------------------------------------

    private Component component(YamlMapping m) {
        keys(m, Set.of("id", "type", "exposure", "version", "path", "account", "description"));
        return new Component(required(m, "id"), oneOf(m, "type", COMPONENT_TYPES, true),
                oneOf(m, "exposure", EXPOSURES, false), text(m, "version"), text(m, "path"), text(m, "account"),
                m.location());
    }

    private Identity identity(YamlMapping m) {
        keys(m, Set.of("id", "kind", "secrets", "role", "grants", "description"));
        return new Identity(required(m, "id"), oneOf(m, "kind", IDENTITY_KINDS, true), strings(m, "secrets"),
                text(m, "role"), strings(m, "grants"), m.location());
    }

    private Reach reach(YamlMapping m) {
        keys(m, Set.of("from", "to", "description"));
        return new Reach(required(m, "from"), required(m, "to"), m.location());
    }

    private Asset asset(YamlMapping m) {
        keys(m, Set.of("id", "kind", "criticality", "in", "description"));
        String criticality = oneOf(m, "criticality", CRITICALITIES, false);
        return new Asset(required(m, "id"), oneOf(m, "kind", ASSET_KINDS, true),
                criticality == null ? "medium" : criticality, text(m, "in"), m.location());
    }

    private Persona persona(YamlMapping m) {
        keys(m, Set.of("id", "kind", "token", "description"));
        String kind = oneOf(m, "kind", PERSONA_KINDS, true);
        String id = text(m, "id");
        return new Persona(id != null ? id : kind, kind, text(m, "token"), m.location());
    }

    private CollectedLog logSource(YamlMapping m) {
        keys(m, Set.of("source", "retention-days", "description"));
        String source = required(m, "source");
        if (source != null && catalog.logSource(source).isEmpty()) {
            problem(m.get("source").orElseThrow().location(), "unknown log source '" + source + "'; see `cimatrix explain`"
                    + " or docs/matrix.md for the catalog's log source ids");
        }
        int days = 0;
        Optional<YamlScalar> retention = m.getScalar("retention-days");
        if (retention.isPresent()) {
            Optional<Number> n = retention.get().asNumber();
            if (n.isEmpty() || n.get().intValue() < 0) {
                problem(retention.get().location(), "retention-days should be a whole number of days");
            } else {
                days = n.get().intValue();
            }
        }
        return new CollectedLog(source, days, m.location());
    }

    private ControlInPlace control(YamlMapping m) {
        keys(m, Set.of("id", "status", "evidence"));
        String id = required(m, "id");
        if (id != null && catalog.control(id).isEmpty()) {
            problem(m.get("id").orElseThrow().location(), "unknown control '" + id + "'; controls are catalog ids such as CICD-M014");
        }
        return new ControlInPlace(id, oneOf(m, "status", CONTROL_STATUSES, true), text(m, "evidence"), m.location());
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private <T> List<T> list(YamlMapping map, String key, Function<YamlMapping, T> read) {
        List<T> out = new ArrayList<>();
        Optional<YamlNode> node = map.get(key);
        if (node.isEmpty() || (node.get() instanceof YamlScalar s && s.isNull())) {
            return out;
        }
        if (!(node.get() instanceof YamlSequence seq)) {
            problem(node.get().location(), "'" + key + "' should be a list");
            return out;
        }
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlMapping m) {
                out.add(read.apply(m));
            } else {
                problem(item.location(), "an entry of '" + key + "' should be a mapping");
            }
        }
        return out;
    }

    private void keys(YamlMapping map, Set<String> allowed) {
        for (YamlEntry e : map.entries()) {
            if (!allowed.contains(e.key().text())) {
                problem(e.key().location(), "unknown key '" + e.key().text() + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private String text(YamlMapping map, String key) {
        Optional<YamlNode> node = map.get(key);
        if (node.isEmpty()) {
            return null;
        }
        if (node.get() instanceof YamlScalar s) {
            return s.isNull() ? null : s.text();
        }
        problem(node.get().location(), "'" + key + "' should be a single value");
        return null;
    }

    private String required(YamlMapping map, String key) {
        String value = text(map, key);
        if (value == null && map.get(key).isEmpty()) {
            problem(map.location(), "missing '" + key + "'");
        }
        return value;
    }

    private String oneOf(YamlMapping map, String key, Set<String> allowed, boolean required) {
        String value = required ? required(map, key) : text(map, key);
        if (value != null && !allowed.contains(value)) {
            problem(map.get(key).orElseThrow().location(), "'" + key + "' is '" + value + "'; expected one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
            return null;
        }
        return value;
    }

    private List<String> strings(YamlMapping map, String key) {
        Optional<YamlNode> node = map.get(key);
        List<String> out = new ArrayList<>();
        if (node.isEmpty()) {
            return out;
        }
        if (node.get() instanceof YamlScalar s && !s.isNull()) {
            out.add(s.text());
        } else if (node.get() instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isNull()) {
                    out.add(s.text());
                } else {
                    problem(item.location(), "an entry of '" + key + "' should be an id");
                }
            }
        }
        return out;
    }

    private <T> Map<String, Location> unique(List<T> items, Function<T, String> id, Function<T, Location> where, String what) {
        Map<String, Location> seen = new HashMap<>();
        for (T item : items) {
            String key = id.apply(item);
            if (key == null) {
                continue;
            }
            Location first = seen.putIfAbsent(key, where.apply(item));
            if (first != null) {
                problem(where.apply(item), "duplicate " + what + " id '" + key + "' (first declared on line "
                        + first.startLine() + ")");
            }
        }
        return seen;
    }

    private void reference(Map<String, Location> ids, String id, Location where, String what) {
        if (id != null && !ids.containsKey(id)) {
            problem(where, what + " '" + id + "', which is not declared");
        }
    }

    private void problem(Location where, String message) {
        problems.add(new ModelProblem(where, message));
    }
}
