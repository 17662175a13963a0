package dev.cimatrix.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix and everything hung on it: tactics, techniques, controls and log sources. Immutable;
 * every list keeps the order of the catalog files (tactics in column order, the rest by id).
 */
public final class Catalog {
    private final Map<String, Tactic> tactics;
    private final Map<String, Technique> techniques;
    private final Map<String, Control> controls;
    private final Map<String, LogSource> logSources;
    private final Map<String, CheckInfo> checks;
    private final Map<String, List<Control>> controlsByTechnique;
    private final List<Cell> cells;

    public Catalog(List<Tactic> tactics, List<Technique> techniques, List<Control> controls,
                   List<LogSource> logSources, List<CheckInfo> checks) {
        this.tactics = index(tactics, Tactic::id, "tactic");
        this.techniques = index(techniques, Technique::id, "technique");
        this.controls = index(controls, Control::id, "control");
        this.logSources = index(logSources, LogSource::id, "log source");
        this.checks = index(checks, CheckInfo::id, "check");

        Map<String, List<Control>> byTechnique = new LinkedHashMap<>();
        for (Technique t : techniques) {
            byTechnique.put(t.id(), new ArrayList<>());
        }
        for (Control c : controls) {
            for (String techniqueId : c.techniques()) {
                byTechnique.computeIfAbsent(techniqueId, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<Control>> frozen = new LinkedHashMap<>();
        byTechnique.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.controlsByTechnique = Collections.unmodifiableMap(frozen);

        List<Cell> all = new ArrayList<>();
        for (Tactic tactic : tactics) {
            for (Technique technique : techniques) {
                if (technique.tactics().contains(tactic.id())) {
                    all.add(new Cell(tactic, technique));
                }
            }
        }
        this.cells = List.copyOf(all);
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id, String what) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            if (map.put(id.apply(item), item) != null) {
                throw new CatalogException("duplicate " + what + " id " + id.apply(item));
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The catalog shipped with cimatrix. Loaded once. */
    public static Catalog builtin() {
        return Builtin.INSTANCE;
    }

    private static final class Builtin {
        static final Catalog INSTANCE = CatalogLoader.fromClasspath();
    }

    public List<Tactic> tactics() {
        return List.copyOf(tactics.values());
    }

    /** Every technique, the matrix's 44 first and extensions after them. */
    public List<Technique> techniques() {
        return List.copyOf(techniques.values());
    }

    /** The techniques of MATRIX.md, without extensions. */
    public List<Technique> matrixTechniques() {
        return techniques.values().stream().filter(t -> !t.isExtension()).toList();
    }

    public List<Control> controls() {
        return List.copyOf(controls.values());
    }

    public List<LogSource> logSources() {
        return List.copyOf(logSources.values());
    }

    /** Every cell, tactic by tactic in column order, techniques by id within a tactic. */
    public List<Cell> cells() {
        return cells;
    }

    /** The cells of the matrix proper (MATRIX.md), without extension techniques. */
    public List<Cell> matrixCells() {
        return cells.stream().filter(c -> !c.technique().isExtension()).toList();
    }

    public List<Cell> cellsOf(Tactic tactic, boolean withExtensions) {
        return cells.stream()
                .filter(c -> c.tactic().equals(tactic))
                .filter(c -> withExtensions || !c.technique().isExtension())
                .toList();
    }

    public Optional<Tactic> tactic(String id) {
        return Optional.ofNullable(tactics.get(normalise(id)));
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(normalise(id)));
    }

    public Optional<Control> control(String id) {
        return Optional.ofNullable(controls.get(normalise(id)));
    }

    public Optional<LogSource> logSource(String id) {
        return Optional.ofNullable(logSources.get(id == null ? "" : id.trim().toLowerCase(Locale.ROOT)));
    }

    /** The metadata of every check, by id. */
    public List<CheckInfo> checks() {
        return List.copyOf(checks.values());
    }

    public Optional<CheckInfo> check(String id) {
        return Optional.ofNullable(checks.get(id == null ? "" : id.trim().toLowerCase(Locale.ROOT)));
    }

    /** A cell by its id, such as {@code EXEC/CICD-T016}. */
    public Optional<Cell> cell(String id) {
        String wanted = normalise(id);
        return cells.stream().filter(c -> c.id().equals(wanted)).findFirst();
    }

    /** The controls that counter a technique, preventive first, each group by id. */
    public List<Control> controlsFor(String techniqueId) {
        return controlsByTechnique.getOrDefault(techniqueId, List.of()).stream()
                .sorted(java.util.Comparator.comparing(Control::kind).thenComparing(Control::id))
                .toList();
    }

    public List<Control> controlsFor(String techniqueId, ControlKind kind) {
        return controlsFor(techniqueId).stream().filter(c -> c.kind() == kind).toList();
    }

    /** Techniques referenced by controls; used by consistency checks. */
    Map<String, List<Control>> controlsByTechnique() {
        return controlsByTechnique;
    }

    private static String normalise(String id) {
        return id == null ? "" : id.trim().toUpperCase(Locale.ROOT);
    }
}
