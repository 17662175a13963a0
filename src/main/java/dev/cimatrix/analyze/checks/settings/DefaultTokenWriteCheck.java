package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.DefaultToken;
import dev.cimatrix.analyze.github.GoverningSettings;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.ActionsSettings;
import dev.cimatrix.model.Job;

import java.util.List;

/**
 * The repository gives every workflow without a {@code permissions} block a token that can write
 * ({@code default_workflow_permissions: write}). High when a workflow of the scan has such a job: its token can push
 * code, tags and releases whatever the job runs.
 */
public final class DefaultTokenWriteCheck extends SettingsCheck {
    public static final String ID = "github-default-token-write";
    /** How many of the jobs given the default token are named as related locations. */
    private static final int RELATED = 10;

    public DefaultTokenWriteCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        ActionsSettings actions = context.settings().actions();
        if (actions == null || actions.defaultWorkflowPermissions() == null) {
            return;
        }
        findings.met();
        if (!actions.defaultWorkflowPermissions().value().strip().equals("write")) {
            return;
        }
        // The jobs of the workflows this file governs (not those of another repository in the same scan).
        List<Job> defaulted = context.inventory().workflows().stream()
                .filter(w -> w.permissions().isAbsent())
                .filter(w -> GoverningSettings.governs(context.inventory(), context.settings(), w.path(),
                        DefaultToken::states))
                .flatMap(w -> w.jobs().stream().filter(j -> j.permissions().isAbsent())).toList();
        var finding = findings.at(actions.defaultWorkflowPermissions().location())
                .message("Workflows of " + owner(context.settings()) + " get a GITHUB_TOKEN that can write by "
                        + "default (default_workflow_permissions: write): every job without a permissions block can push code and tags, publish releases "
                        + "and packages, whatever it runs" + (defaulted.isEmpty() ? "."
                        : "; " + defaulted.size() + " job" + (defaulted.size() == 1 ? "" : "s")
                                + " of the workflows it governs " + (defaulted.size() == 1 ? "has" : "have") + " none."))
                .subject("default token write");
        if (!defaulted.isEmpty()) {
            finding.severity(Severity.HIGH);
            defaulted.stream().limit(RELATED)
                    .forEach(j -> finding.related(j.location(), "job '" + j.id() + "' gets the default token"));
        }
        finding.report();
    }
}
