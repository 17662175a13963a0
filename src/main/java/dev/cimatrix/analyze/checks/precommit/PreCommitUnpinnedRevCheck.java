package dev.cimatrix.analyze.checks.precommit;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.PreCommitContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.checks.common.CommitIds;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pre-commit hook repository at a revision other than a full commit SHA: a tag or branch that the repository's
 * owners, or whoever takes over their account, can point at other code. Every fresh clone (a new developer, a CI run
 * without the cache) then runs that code. Where a workflow of the same repository runs pre-commit, the hooks run in
 * that job, with its secrets and token, and the finding is of medium severity.
 */
public final class PreCommitUnpinnedRevCheck implements Check {
    public static final String ID = "precommit-unpinned-rev";
    /** Properties naming the workflow and job that run the hooks, when one does: the attack paths enter that job. */
    public static final String WORKFLOW = "workflow";
    public static final String JOB = "job";

    /** A script that runs pre-commit's hooks: {@code pre-commit run}, {@code prek run}, through pipx or uvx too. */
    private static final Pattern RUNS_HOOKS = Pattern.compile("\\b(?:pre-commit|prek)(?:@\\S+)?\\s+run\\b");
    private static final TextSearch HOOK_RUNNERS = TextSearch.anyOf("pre-commit", "prek");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void preCommit(PreCommitContext context, FindingSink findings) {
        PreCommitConfig config = context.config();
        List<PreCommitConfig.HookRepository> unpinned = config.repositories().stream()
                .filter(r -> r.cloned() && r.rev() != null && !CommitIds.isFull(r.rev().value()))
                .toList();
        if (unpinned.isEmpty()) {
            return;
        }
        Optional<HookRunner> runner = workflowRunningHooks(context, folder(config.path()));
        for (PreCommitConfig.HookRepository repository : unpinned) {
            String rev = repository.rev().value().strip();
            String url = repository.url().value().strip();
            var finding = findings.at(repository.rev().location()).subject(url + "@" + rev);
            runner.ifPresent(where -> finding.severity(Severity.MEDIUM).property(WORKFLOW, where.workflow())
                    .property(JOB, where.job()));
            finding.message("hook repository " + url + " is pinned to '" + rev + "', a "
                            + (rev.matches("v?\\d+(\\.\\d+)*.*") ? "tag" : "name") + " its owners (or whoever takes over "
                            + "their account) can point at other code, which every fresh clone then runs"
                            + runner.map(where -> "; job '" + where.job() + "' of " + where.workflow() + " runs "
                            + "pre-commit, so the hooks run there with that "
                            + "job's secrets and token").orElse("")
                            + "; pin the commit SHA (pre-commit autoupdate --freeze keeps the tag as a comment)")
                    .property("rev", rev).report();
        }
    }

    /** A job that runs pre-commit's hooks. */
    private record HookRunner(String workflow, String job) {
    }

    /** The first job of a workflow of the configuration's repository that runs pre-commit's hooks. */
    private static Optional<HookRunner> workflowRunningHooks(PreCommitContext context, String folder) {
        for (Workflow workflow : context.inventory().workflows()) {
            if (!workflow.path().startsWith(folder)) {
                continue;
            }
            for (Job job : workflow.jobs()) {
                for (Step step : job.steps()) {
                    boolean runs = step.uses("pre-commit/action") || step.run() != null && HOOK_RUNNERS.foundIn(step.run().value())
                            && RUNS_HOOKS.matcher(step.run().value()).find();
                    if (runs) {
                        return Optional.of(new HookRunner(workflow.path(), job.id()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The folder of the configuration, with a trailing slash; empty at the root. */
    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }
}
