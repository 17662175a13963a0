package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.UsesContext;
import dev.cimatrix.model.ActionRef;

import java.util.List;

/**
 * A {@code uses:} written in a form other than the one the runner resolves it to ({@code tj-actions//changed-files},
 * {@code actions\checkout}, {@code github/codeql-action/./init}, {@code actions/cache/save/../save}). The runner runs
 * the action all the same, but a reviewer reading the line, and an allow-list, a deny-list or a scanner comparing its
 * text, may not see which action it is.
 */
public final class ObfuscatedUsesCheck implements Check {
    public static final String ID = "gha-obfuscated-uses";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void uses(UsesContext context, FindingSink findings) {
        ActionRef uses = context.uses();
        List<String> how = uses.obfuscations();
        if (how.isEmpty()) {
            return;
        }
        String written = uses.raw().strip();
        String resolved = uses.resolved();
        findings.at(uses.location())
                .message("'" + written + "' is written with " + String.join(", ", how) + (uses.climbsOutOfRepository()
                        ? ": the runner looks for the action outside " + uses.owner() + "/" + uses.repo()
                        + ", among the other actions the job downloaded, or fails"
                        : "; the runner runs " + resolved + ", which reviewers, allow-lists and scanners that compare "
                        + "the text may not recognise in this form"))
                .subject(resolved.toLowerCase(java.util.Locale.ROOT))
                .property("resolved", resolved)
                .report();
    }
}
