package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.analyze.github.RepositoryIdentity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Job;

/**
 * {@code secrets: inherit} on a call to a reusable workflow: the callee receives every secret the caller can
 * read, not the few it needs. Worse when the callee lives in another repository, whose owners then hold all
 * of them, and worse again when it is referenced by a movable tag or branch.
 */
public final class SecretsInheritCheck implements Check {
    public static final String ID = "gha-secrets-inherit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        if (!job.secretsInherit() || job.uses() == null) {
            return;
        }
        ActionRef callee = job.uses();
        String name = callee.isSameRepository() ? callee.path() : callee.nameWithPath();
        var finding = findings.at(callee.location()).subject(name);
        if (callee.isSameRepository()) {
            finding.severity(Severity.LOW).message("job '" + job.id() + "' passes every secret of this repository to "
                    + "local workflow " + name + " with secrets: inherit; pass only the secrets it uses");
        } else if (callee.kind() == ActionRef.Kind.REPOSITORY && RepositoryIdentity.isThisRepository(context.inventory(),
                context.derived(), context.workflow().path(), callee.repository())) {
            // This repository named in full (by its clone, or by its workflows' conditions): whoever can move the ref
            // can already read its secrets.
            finding.severity(Severity.LOW).message("job '" + job.id() + "' passes every secret of this repository to "
                    + "its own workflow " + name + "@" + callee.ref() + " with secrets: inherit; pass only the secrets it uses");
        } else if (callee.isPinned()) {
            finding.severity(Severity.MEDIUM).message("job '" + job.id() + "' passes every secret of this repository "
                    + "to " + name + " in another repository with secrets: inherit; pass only the secrets it uses");
        } else {
            finding.severity(Severity.HIGH).message("job '" + job.id() + "' passes every secret of this repository to "
                    + name + "@" + callee.ref() + " with secrets: inherit; whoever can move that ref in the other "
                    + "repository receives them all. Pin a commit SHA and pass only the secrets it uses");
        }
        finding.report();
    }
}
