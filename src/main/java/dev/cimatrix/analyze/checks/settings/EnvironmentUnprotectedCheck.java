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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment environment that gates nothing: no required reviewer and no deployment branch policy. Any workflow
 * run, from any branch anyone with write access pushes, that names the environment gets its secrets and deploys.
 * Medium where it holds secrets of its own (as a snapshot lists them), or a job of the scanned workflows that the
 * file governs uses it with secrets or an OIDC token; low otherwise.
 */
public final class EnvironmentUnprotectedCheck extends SettingsCheck {
    public static final String ID = "github-environment-unprotected";
    /** How many of the jobs that use an environment are named as related locations. */
    private static final int RELATED = 10;

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
        Map<String, List<Map.Entry<Workflow, Job>>> byName = users(context);
        for (Environment environment : settings.environments()) {
            if (environment.reviewers() > 0 || environment.branchPolicy() != null) {
                continue;
            }
            String name = environment.name().value().strip();
            List<Map.Entry<Workflow, Job>> users = byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            List<String> own = environment.secrets() == null ? List.of() : environment.secrets();
            FindingBuilder finding = findings.at(environment.location())
                    .message("Environment '" + name + "' has no required reviewer and no deployment branch policy: a "
                            + "run from any branch that names it gets its secrets and deploys, with no one asked"
                            + (own.isEmpty() ? "" : "; it holds " + own.size() + " secret" + (own.size() == 1 ? "" : "s")
                            + " of its own (" + String.join(", ", own.subList(0, Math.min(own.size(), RELATED)))
                            + (own.size() > RELATED ? ", …" : "") + ")")
                            + (users.isEmpty() ? "." : "; " + users.size() + " scanned job" + (users.size() == 1 ? "" : "s")
                            + " use" + (users.size() == 1 ? "s" : "") + " it."))
                    .subject("environment " + name.toLowerCase(Locale.ROOT));
            // Secrets of its own are what the environment guards: any run that names it gets them.
            boolean holding = !own.isEmpty();
            for (Map.Entry<Workflow, Job> use : users) {
                JobPrivileges privileges = JobPrivileges.of(use.getKey(), use.getValue());
                holding |= !privileges.secrets().isEmpty() || privileges.idToken();
            }
            users.stream().limit(RELATED).forEach(use -> finding.related(use.getValue().environment().location(),
                    "job '" + use.getValue().id() + "' of " + use.getKey().path() + " deploys to it"));
            if (holding) {
                finding.severity(Severity.MEDIUM);
            }
            finding.report();
        }
    }

    /**
     * The jobs of the workflows this file governs, by the environment they name, in lower case (names compare without
     * case). One pass over the jobs, however many environments the file lists.
     */
    private static Map<String, List<Map.Entry<Workflow, Job>>> users(GithubSettingsContext context) {
        Map<String, List<Map.Entry<Workflow, Job>>> byName = new HashMap<>();
        for (Workflow workflow : context.inventory().workflows()) {
            if (!GoverningSettings.governs(context.inventory(), context.settings(), workflow.path(),
                    s -> !s.environments().isEmpty())) {
                continue;
            }
            for (Job job : workflow.jobs()) {
                if (job.environment() != null) {
                    List<Map.Entry<Workflow, Job>> users = byName.computeIfAbsent(
                            job.environment().value().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                    users.add(Map.entry(workflow, job));
                }
            }
        }
        return byName;
    }
}
