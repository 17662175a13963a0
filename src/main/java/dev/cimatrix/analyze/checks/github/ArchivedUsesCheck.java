package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.model.ActionRef;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Actions and reusable workflows from repositories their owners archived ({@code analyze/archived-actions.yaml}):
 * they receive no fixes, security fixes included, so a vulnerability found in them stays open.
 */
public final class ArchivedUsesCheck implements Check {
    public static final String ID = "gha-archived-uses";
    /** Archived repository ({@code owner/repo}, lower case) to its successor, or the empty string. */
    private static final Map<String, String> ARCHIVED = load();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        if (uses.kind() != ActionRef.Kind.REPOSITORY) {
            return;
        }
        String successor = ARCHIVED.get(uses.repository());
        if (successor == null) {
            return;
        }
        String what = uses.isReusableWorkflow() ? "reusable workflow" : "action";
        String message = what + " " + uses.nameWithPath() + " comes from " + uses.repository()
                + ", an archived repository: it gets no fixes, security fixes included"
                + (successor.isEmpty() ? "; replace it with a maintained action" : "; replace it with " + successor);
        findings.at(uses.location()).message(message).subject(uses.repository()).report();
    }

    private static Map<String, String> load() {
        Map<String, String> out = new TreeMap<>();
        for (Map<?, ?> item : DataResource.load("archived-actions.yaml").entries("repositories")) {
            String successor = DataResource.text(item, "successor");
            out.put(DataResource.text(item, "name").strip().toLowerCase(Locale.ROOT), successor == null ? "" : successor);
        }
        return Map.copyOf(out);
    }
}
