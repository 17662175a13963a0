package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.ActionsSettings;

/**
 * The repository lets its workflows run any action and reusable workflow of any repository
 * ({@code allowed_actions: all}), or a selection that allows every one ({@code patterns_allowed: ["*"]}): a
 * typosquatted or compromised action needs nothing more than a {@code uses:} line in a pull request to run.
 */
public final class ActionsPolicyCheck extends SettingsCheck {
    public static final String ID = "github-actions-policy";

    public ActionsPolicyCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        ActionsSettings actions = context.settings().actions();
        if (actions == null || actions.allowedActions() == null) {
            return;
        }
        findings.met();
        String allowed = actions.allowedActions().value().strip();
        boolean everyPattern = allowed.equals("selected") && actions.patternsAllowed().stream()
                .map(String::strip).anyMatch(p -> p.equals("*") || p.equals("*/*") || p.equals("*/*@*"));
        if (allowed.equals("all") || everyPattern) {
            findings.at(actions.allowedActions().location())
                    .message("Workflows of " + owner(context.settings()) + " may run any action or reusable workflow "
                            + "of any repository ("
                            + (everyPattern ? "a selection whose patterns allow every one" : "allowed_actions: all")
                            + "): a typosquatted, abandoned or compromised action runs as soon as a workflow names it.")
                    .subject("allowed " + allowed).report();
        }
    }
}
