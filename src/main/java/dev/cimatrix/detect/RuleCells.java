package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Technique;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The matrix cells a rule covers, as {@code TACTIC/CICD-Tnnn}. Sigma tags name tactics and techniques side by side,
 * not in pairs, so each technique tag is placed under those of the rule's tactic tags that the catalog gives the
 * technique, and under all of the technique's own tactics when the rule tags none of them: a rule tagged
 * {@code cicd.init}, {@code cicd.t004} and {@code cicd.t029} covers {@code INIT/CICD-T004} and
 * {@code CRED/CICD-T029}, never a cell the matrix does not have such as {@code INIT/CICD-T029}. A technique the
 * catalog does not know stays under the rule's tactic tags. The catalog is read only when needed.
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
        Set<String> cells = new LinkedHashSet<>();
        for (String techniqueId : rule.techniques()) {
            if (loaded == null) {
                loaded = catalog.get();
            }
            List<String> own = loaded.technique(techniqueId).map(Technique::tactics).orElse(null);
            List<String> tactics;
            if (own == null) {
                tactics = rule.tactics();
            } else {
                List<String> tagged = own.stream().filter(rule.tactics()::contains).toList();
                tactics = tagged.isEmpty() ? own : tagged;
            }
            tactics.forEach(tactic -> cells.add(tactic + "/" + techniqueId));
        }
        return List.copyOf(cells);
    }
}
