package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub App installation tokens minted in a job wider or longer-lived than the job needs:
 * {@code actions/create-github-app-token} with {@code owner} but no {@code repositories} (every repository of
 * the installation), without any {@code permission-*} input (every permission of the app), or with
 * {@code skip-token-revoke}; the same for {@code tibdex/github-app-token} ({@code repositories},
 * {@code permissions}, {@code revoke}).
 */
public final class GithubAppCheck implements Check {
    public static final String ID = "gha-github-app";
    private static final String CREATE_TOKEN = "actions/create-github-app-token";
    private static final String TIBDEX = "tibdex/github-app-token";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Step step = context.step();
        if (Conditions.neverRuns(step.condition())) {
            return;
        }
        if (step.uses(CREATE_TOKEN)) {
            createGithubAppToken(step, findings);
        } else if (step.uses(TIBDEX)) {
            tibdex(step, findings);
        }
    }

    private void createGithubAppToken(Step step, FindingSink findings) {
        List<KeyValue> permissions = step.with().stream()
                .filter(kv -> kv.key().toLowerCase(Locale.ROOT).startsWith("permission-")).toList();
        Optional<KeyValue> owner = step.input("owner");
        boolean ownerWide = owner.isPresent() && step.input("repositories").isEmpty();
        boolean repositoryPermissions = permissions.isEmpty() || permissions.stream().anyMatch(kv -> !organisationLevel(kv.key()));
        if (ownerWide && repositoryPermissions) {
            findings.at(owner.get().value().location())
                    .message("step '" + step.label() + "' mints an app token for owner '" + owner.get().value().value().strip()
                            + "' without 'repositories': it is valid for every repository the app is installed on there;"
                            + " list the repositories the job needs")
                    .subject(step.label() + " owner-wide").report();
        }
        if (permissions.isEmpty()) {
            findings.at(step.uses().location())
                    .message("step '" + step.label() + "' mints an app token without any 'permission-*' input, so it carries"
                            + " every permission the app has" + (ownerWide ? ", on every repository of the owner" : "")
                            + "; request only the permissions the job uses")
                    .subject(step.label() + " all permissions")
                    .severity(ownerWide ? Severity.HIGH : Severity.MEDIUM).report();
        }
        step.input("skip-token-revoke").ifPresent(skip -> skippedRevocation(step, skip, "true", findings));
    }

    private void tibdex(Step step, FindingSink findings) {
        Optional<KeyValue> mode = step.input("installation_retrieval_mode");
        boolean ownerWide = mode.isPresent() && !mode.get().value().value().strip().equalsIgnoreCase("repository")
                && step.input("repositories").isEmpty();
        if (ownerWide) {
            findings.at(mode.get().value().location())
                    .message("step '" + step.label() + "' mints an app token for a whole " + mode.get().value().value().strip()
                            + " installation without 'repositories': it is valid for every repository the app is installed on")
                    .subject(step.label() + " owner-wide").report();
        }
        if (step.input("permissions").isEmpty()) {
            findings.at(step.uses().location())
                    .message("step '" + step.label() + "' mints an app token without 'permissions', so it carries every"
                            + " permission the app has; request only the permissions the job uses")
                    .subject(step.label() + " all permissions")
                    .severity(ownerWide ? Severity.HIGH : Severity.MEDIUM).report();
        }
        step.input("revoke").ifPresent(revoke -> skippedRevocation(step, revoke, "false", findings));
    }

    /** Reports an input that turns off revocation: {@code flagValue} is the literal that does so. */
    private static void skippedRevocation(Step step, KeyValue input, String flagValue, FindingSink findings) {
        String value = input.value().value().strip();
        boolean computed = input.value().hasExpressions();
        if (!computed && !value.equalsIgnoreCase(flagValue)) {
            return;
        }
        var finding = findings.at(input.value().location())
                .message("step '" + step.label() + "' " + (computed ? "may skip" : "skips") + " revoking its app token at the end of"
                        + " the job" + (computed ? " (`" + input.key() + ": " + value + "`)" : "")
                        + ": the token stays valid for up to an hour for anyone who captured it")
                .subject(step.label() + " revocation skipped")
                .severity(Severity.MEDIUM);
        if (computed) {
            finding.confidence(Confidence.MEDIUM);
        }
        finding.report();
    }

    /** Permissions on the organisation rather than on repositories; a token with only these needs no repository list. */
    private static boolean organisationLevel(String input) {
        String name = input.toLowerCase(Locale.ROOT);
        return name.startsWith("permission-organization-") || name.equals("permission-members")
                || name.equals("permission-team-discussions");
    }
}
