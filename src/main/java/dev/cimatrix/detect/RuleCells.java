package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Technique;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    private Catalog catalog() {
        if (loaded == null) {
            loaded = catalog.get();
        }
        return loaded;
    }

    public List<String> of(Rule rule) {
        Set<String> cells = new LinkedHashSet<>();
        for (String techniqueId : rule.techniques()) {
            List<String> own = catalog().technique(techniqueId).map(Technique::tactics).orElse(null);
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

    /**
     * What a rule's {@code cicd.*} tags and {@code control} name that the catalog lacks, one sentence each: such a
     * tag or control counts toward no cell or control of the coverage, which a rule's author would otherwise
     * never learn.
     */
    public List<String> unknownReferences(Rule rule) {
        List<String> problems = new ArrayList<>();
        for (String tag : rule.tags()) {
            String trimmed = tag.trim();
            if (!trimmed.toLowerCase(Locale.ROOT).startsWith("cicd.")) {
                continue;
            }
            String name = trimmed.substring(5).toLowerCase(Locale.ROOT);
            if (RuleLoader.TECHNIQUE_TAG.matcher(trimmed).matches()) {
                if (catalog().technique("CICD-T" + name.substring(1)).isEmpty()) {
                    problems.add("tag " + trimmed + " names no technique of the matrix, so it counts toward no cell");
                }
            } else if (!RuleLoader.TACTIC_IDS.contains(name)) {
                problems.add("tag " + trimmed + " is neither a technique (cicd.tNNN) nor a tactic (cicd."
                        + String.join(", cicd.", RuleLoader.TACTIC_IDS) + ")");
            }
        }
        // The loader has refused any control that is not written as a detective one (CICD-Dnnn).
        if (rule.control() != null && catalog().control(rule.control()).isEmpty()) {
            problems.add("control " + rule.control() + " is not in the catalog (see 'cimatrix matrix --format json'), "
                    + "so the rule implements no control of the coverage");
        }
        return problems;
    }
}
