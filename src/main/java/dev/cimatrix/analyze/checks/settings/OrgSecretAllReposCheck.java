package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.Secret;

import java.util.Locale;

/**
 * An organisation secret that every repository may read ({@code visibility: all}, public repositories included;
 * medium) or every private and internal one ({@code visibility: private}; low), instead of the repositories that
 * need it: a workflow of any of them, written by anyone who can push to one, reads it.
 */
public final class OrgSecretAllReposCheck extends SettingsCheck {
    public static final String ID = "github-org-secret-all-repos";

    public OrgSecretAllReposCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        if (context.settings().secrets().isEmpty()) {
            return;
        }
        findings.met();
        for (Secret secret : context.settings().secrets()) {
            String visibility = secret.visibility() == null ? "" : secret.visibility().value().strip();
            if (!visibility.equals("all") && !visibility.equals("private")) {
                continue;
            }
            boolean all = visibility.equals("all");
            var finding = findings.at(secret.visibility().location())
                    .message("Secret " + secret.name().value().strip() + " of " + owner(context.settings())
                            + " is available to every " + (all ? "repository, public ones included" : "private and "
                            + "internal repository") + " (visibility: " + visibility + "), not to the repositories "
                            + "that need it: a workflow of any of them, which anyone who can push to one writes, "
                            + "reads it.")
                    .subject("secret " + secret.name().value().strip().toLowerCase(Locale.ROOT));
            if (!all) {
                finding.severity(Severity.LOW);
            }
            finding.report();
        }
    }
}
