package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Uses of action versions on the built-in list of compromised and vulnerable actions
 * ({@code analyze/known-compromised-actions.yaml}). Offline by design: the list ships with cimatrix and
 * says, per incident, which refs ran the malicious code.
 */
public final class KnownCompromisedCheck implements Check {
    public static final String ID = "gha-known-compromised";
    private static final List<Advisory> ADVISORIES = load();

    /** One entry of the data list. */
    record Advisory(Set<String> actions, boolean transitive, List<String> ids, String when,
                    String summary, Severity severity, boolean tagsRewritten, Set<String> safeRefs,
                    ActionVersion introduced, ActionVersion fixed, Set<String> badCommits, List<String> sources) {
        String label() {
            return ids.isEmpty() ? "incident of " + when : String.join(" / ", ids);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        if (uses.kind() != ActionRef.Kind.REPOSITORY || uses.ref().contains("${{")) {
            return;
        }
        String repository = uses.repository();
        for (Advisory advisory : ADVISORIES) {
            if (!advisory.actions().contains(repository)) {
                continue;
            }
            match(advisory, uses).ifPresent(how -> report(advisory, uses, how, findings));
        }
    }

    private enum How { BAD_COMMIT, REWRITTEN_REF, AFFECTED_VERSION }

    private static Optional<How> match(Advisory advisory, ActionRef uses) {
        String ref = uses.ref().strip();
        if (uses.refKind() == ActionRef.RefKind.FULL_SHA) {
            return advisory.badCommits().contains(ref.toLowerCase(Locale.ROOT)) ? Optional.of(How.BAD_COMMIT) : Optional.empty();
        }
        if (advisory.safeRefs().contains(ref.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Optional<ActionVersion> version = ActionVersion.parse(ref);
        if (version.isPresent() && advisory.fixed() != null && version.get().atLeast(advisory.fixed())) {
            return Optional.empty();
        }
        if (advisory.tagsRewritten()) {
            return Optional.of(How.REWRITTEN_REF);
        }
        if (version.isEmpty() || advisory.fixed() == null) {
            return Optional.empty();
        }
        if (advisory.introduced() != null && !version.get().lowestAtLeast(advisory.introduced())) {
            return Optional.empty();
        }
        return Optional.of(How.AFFECTED_VERSION);
    }

    private static void report(Advisory advisory, ActionRef uses, How how, FindingSink findings) {
        String name = uses.nameWithPath() + (uses.ref().isEmpty() ? "" : "@" + uses.ref());
        String fix = advisory.fixed() != null ? "move to " + versionText(advisory.fixed()) + " or later, pinned by full commit SHA"
                : "pin a full commit SHA of a release reviewed after the incident, or drop the action";
        String message = switch (how) {
            case BAD_COMMIT -> name + " is pinned to a commit that ran malicious code (" + advisory.label() + ", "
                    + advisory.when() + "): " + advisory.summary().strip() + " Remove it and rotate every secret the job could read";
            case REWRITTEN_REF -> name + " uses a mutable ref of an action that was compromised ("
                    + advisory.label() + ", " + advisory.when() + "): " + advisory.summary().strip()
                    + " Runs in that period leaked their secrets: rotate them, and " + fix;
            case AFFECTED_VERSION -> name + " is a version affected by " + advisory.label() + ": "
                    + advisory.summary().strip() + " " + capitalise(fix);
        };
        var finding = findings.at(uses.location()).message(message).subject(uses.repository() + " " + advisory.label())
                .property("advisory", advisory.label()).property("sources", String.join(" ", advisory.sources()));
        switch (how) {
            case BAD_COMMIT -> finding.severity(Severity.CRITICAL);
            case REWRITTEN_REF -> finding.severity(advisory.transitive() ? Severity.MEDIUM : Severity.HIGH)
                    .confidence(Confidence.MEDIUM);
            case AFFECTED_VERSION -> finding.severity(advisory.severity());
        }
        finding.report();
    }

    private static String versionText(ActionVersion version) {
        return "v" + version.parts().stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<Advisory> load() {
        DataResource data = DataResource.load("known-compromised-actions.yaml");
        return data.entries("advisories").stream().map(KnownCompromisedCheck::advisory).toList();
    }

    private static Advisory advisory(Map<?, ?> item) {
        Set<String> actions = lower(DataResource.texts(item, "actions"));
        String kind = DataResource.text(item, "kind");
        if (!"compromised".equals(kind) && !"vulnerable".equals(kind)) {
            throw new IllegalStateException("known-compromised-actions.yaml: kind must be compromised or vulnerable: " + actions);
        }
        if ("vulnerable".equals(kind) && (Boolean.TRUE.equals(item.get("tags-rewritten")) || item.get("fixed") == null)) {
            throw new IllegalStateException("known-compromised-actions.yaml: a vulnerable entry needs `fixed` and no rewritten tags: " + actions);
        }
        String severity = DataResource.text(item, "severity");
        return new Advisory(actions, Boolean.TRUE.equals(item.get("transitive")),
                DataResource.texts(item, "ids"), DataResource.text(item, "when"), DataResource.text(item, "summary"),
                severity == null ? Severity.HIGH : Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
                Boolean.TRUE.equals(item.get("tags-rewritten")), lower(DataResource.texts(item, "safe-refs")),
                version(item, "introduced"), version(item, "fixed"), lower(DataResource.texts(item, "bad-commits")),
                DataResource.texts(item, "sources"));
    }

    private static ActionVersion version(Map<?, ?> item, String key) {
        String text = DataResource.text(item, key);
        return text == null ? null : ActionVersion.parse(text)
                .orElseThrow(() -> new IllegalStateException("known-compromised-actions.yaml: bad version " + text));
    }

    private static Set<String> lower(List<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
