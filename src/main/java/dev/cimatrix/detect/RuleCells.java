package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Technique;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The matrix cells a rule covers, as {@code TACTIC/CICD-Tnnn}: its technique tags under its tactic tags, or under
 * every tactic the catalog gives the technique when the rule names none. The catalog is read only when needed.
 */
public final class RuleCells {
    private final Supplier<Catalog> catalog;
    private Catalog loaded;

    public RuleCells(Supplier<Catalog> catalog) {
        this.catalog = catalog;
    }

    public static RuleCells builtin() {
        return new RuleCells(Catalog::builtin);
    }

    public List<String> of(Rule rule) {
        if (!rule.tactics().isEmpty()) {
            return rule.explicitCells();
        }
        List<String> cells = new ArrayList<>();
        for (String techniqueId : rule.techniques()) {
            if (loaded == null) {
                loaded = catalog.get();
            }
            loaded.technique(techniqueId).map(Technique::tactics).orElse(List.of())
                    .forEach(tactic -> cells.add(tactic + "/" + techniqueId));
        }
        return cells;
    }
}
