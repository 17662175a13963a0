package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingBuilder;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.analyze.github.GoverningSettings;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.Environment;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment environment that gates nothing: no required reviewer and no deployment branch policy. Any workflow
 * run, from any branch anyone with write access pushes, that names the environment gets its secrets and deploys.
 * Medium where a job of the scanned workflows that the file governs uses it with secrets or an OIDC token, low
 * otherwise.
 */
public final class EnvironmentUnprotectedCheck extends SettingsCheck {
    public static final String ID = "github-environment-unprotected";

    public EnvironmentUnprotectedCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        GithubSettings settings = context.settings();
        if (settings.environments().isEmpty()) {
            return;
        }
        findings.met();
        for (Environment environment : settings.environments()) {
            if (environment.reviewers() > 0 || environment.branchPolicy() != null) {
                continue;
            }
            String name = environment.name().value().strip();
            List<Map.Entry<Workflow, Job>> users = users(context, name);
            FindingBuilder finding = findings.at(environment.location())
                    .message("Environment '" + name + "' has no required reviewer and no deployment branch policy: a "
                            + "run from any branch that names it gets its secrets and deploys, with no one asked"
                            + (users.isEmpty() ? "." : "; " + users.size() + " scanned job" + (users.size() == 1 ? "" : "s")
                            + " use" + (users.size() == 1 ? "s" : "") + " it."))
                    .subject("environment " + name.toLowerCase(Locale.ROOT));
            boolean holding = false;
            for (Map.Entry<Workflow, Job> use : users) {
                JobPrivileges privileges = JobPrivileges.of(use.getKey(), use.getValue());
                holding |= !privileges.secrets().isEmpty() || privileges.idToken();
                finding.related(use.getValue().environment().location(), "job '" + use.getValue().id() + "' of "
                        + use.getKey().path() + " deploys to it");
            }
            if (holding) {
                finding.severity(Severity.MEDIUM);
            }
            finding.report();
        }
    }

    /** The jobs of the workflows this file governs that name the environment (names are case-insensitive). */
    private static List<Map.Entry<Workflow, Job>> users(GithubSettingsContext context, String name) {
        return context.inventory().workflows().stream()
                .filter(w -> GoverningSettings.governs(context.inventory(), context.settings(), w.path(),
                        s -> !s.environments().isEmpty()))
                .flatMap(w -> w.jobs().stream().filter(j -> j.environment() != null
                        && j.environment().value().strip().equalsIgnoreCase(name)).map(j -> Map.entry(w, j)))
                .limit(10).toList();
    }
}
