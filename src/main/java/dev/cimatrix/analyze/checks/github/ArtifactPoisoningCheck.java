package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.analyze.github.Folders;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A privileged workflow that downloads artifacts made by another run, typically the pull request run a
 * {@code workflow_run} workflow follows. The artifact's content is the attacker's: when it is extracted
 * into the workspace (no {@code path:}, so it can overwrite checked-out scripts) or executed, the attacker
 * runs code with the privileged workflow's secrets and token.
 */
public final class ArtifactPoisoningCheck implements Check {
    public static final String ID = "gha-artifact-poisoning";
    private static final TextSearch RUN_DOWNLOAD = TextSearch.anyOf("gh run download");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Optional<String> trigger = Triggers.privilegedForOutsiders(taint.triggers(WorkflowTaint.Scope.of(context.workflow(), context.job(), null)));
        if (trigger.isEmpty()) {
            return;
        }
        for (Step step : context.job().steps()) {
            if (!downloadsForeignArtifact(step)) {
                continue;
            }
            // Where it is unpacked: the action's path input, or gh run download's --dir. A script may move to another
            // folder first, so one without --dir is judged by what runs later, not taken for the workspace.
            Optional<String> path = step.uses() != null ? step.inputValue("path").map(String::strip)
                    : downloadDirectory(step.run().value());
            boolean intoWorkspace = step.uses() != null && path.isEmpty();
            Optional<String> outside = path.filter(ArtifactPoisoningCheck::outsideWorkspace);
            // Unpacked into a folder of its own, the artifact replaces what runs only where a step works in or names it.
            Optional<String> folder = path.flatMap(Folders::subfolder);
            List<Step> executions = context.job().steps().stream()
                    .filter(s -> s.index() > step.index())
                    .filter(s -> RepoExecutors.executor(s).isPresent())
                    .toList();
            Optional<Step> execution = executions.stream()
                    .filter(s -> folder.map(f -> Folders.touches(context.job(), s, f)).orElse(true))
                    .findFirst();
            boolean viaGitHooks = false;
            if (intoWorkspace && execution.isEmpty()) {
                // Unpacked over the checkout, an artifact can also write .git/hooks, which git runs on commit, merge...
                execution = context.job().steps().stream()
                        .filter(s -> s.index() > step.index() && s.run() != null && runsGitHooks(s.run().value()))
                        .findFirst();
                viaGitHooks = execution.isPresent();
            }
            boolean asData = folder.isPresent() && execution.isEmpty() && !executions.isEmpty();
            // Later steps that only hand scripts from elsewhere to python, node or ruby search no folder for code:
            // the artifact is their data, and cannot replace what they run.
            boolean onlyScriptsElsewhere = asData && executions.stream().allMatch(s -> s.run() != null
                    && Folders.runsOnlyScriptsOutside(s.run().value(), context.job().workingDirectory(s), folder.get()));
            if (asData) {
                execution = Optional.of(executions.get(0));
            }
            if (!intoWorkspace && execution.isEmpty()) {
                continue;
            }
            var where = step.uses() != null ? step.uses().location() : step.run().location();
            String consequence = intoWorkspace && execution.isEmpty()
                    ? "extracts it into the workspace, but no later step runs code from there: it is data to the steps "
                            + "after it, which it can steer but not replace"
                    : intoWorkspace
                    ? "extracts it into the workspace, where it can replace checked-out files"
                    : outside.isPresent()
                    ? "extracts it outside the workspace (" + outside.get() + "), where a later step may read it as data"
                    : onlyScriptsElsewhere
                    ? "extracts it into folder '" + folder.get() + "', which later steps only read as data: they run "
                            + "scripts from elsewhere, which the artifact cannot replace, but what it holds steers them"
                    : asData
                    ? "extracts it into folder '" + folder.get() + "', which no later step runs code from: it replaces "
                            + "what runs only if a tool picks that folder up (test runners that search the workspace, "
                            + "node_modules, build folders)"
                    : "later runs content from the workspace";
            var finding = findings.at(where)
                    .message("downloads an artifact of another run in " + Triggers.workflowOf(trigger.get()) + " and " + consequence
                            + "; the run that made it may be an attacker's pull request")
                    .subject(context.job().id() + ":" + step.label())
                    .property("trigger", trigger.get());
            String runs = viaGitHooks ? "runs git, which runs the hooks in .git/hooks that the artifact can write"
                    : outside.isPresent() || asData ? "runs checked-out content that may read the artifact"
                    : "runs content that the artifact may have replaced";
            execution.ifPresent(e -> finding.related(e.location(), runs));
            if (asData) {
                finding.lowerConfidence();
            }
            if (execution.isEmpty() || outside.isPresent() || onlyScriptsElsewhere) {
                // Extracted outside the workspace, the artifact cannot replace what later steps run.
                finding.severity(Severity.MEDIUM).confidence(Confidence.MEDIUM);
            }
            if (intoWorkspace && execution.isEmpty()) {
                // Nothing after it runs code from the workspace (published actions load from their own folder).
                finding.severity(Severity.LOW);
            }
            finding.report();
        }
    }

    /** A git command that runs hooks of the repository it works in. */
    private static final Pattern GIT_HOOK_COMMAND = Pattern.compile(
            "\\bgit(?:\\s+-[^\\s;&|]+(?:\\s+[^-\\s;&|][^\\s;&|]*)?)*\\s+(?:commit|am|merge|rebase|pull|push|checkout|switch|cherry-pick)\\b");
    private static final TextSearch GIT = TextSearch.anyOf("git ");

    static boolean runsGitHooks(String script) {
        return GIT.foundIn(script) && GIT_HOOK_COMMAND.matcher(RepoExecutors.withoutCommentLines(script)).find();
    }

    /** The folder a {@code gh run download} of the script unpacks into ({@code --dir X}, {@code -D X}), if it names one. */
    static Optional<String> downloadDirectory(String script) {
        Matcher m = RUN_DOWNLOAD_DIR.matcher(script);
        return m.find() ? Optional.of(m.group(1).replace("\"", "").replace("'", "")) : Optional.empty();
    }

    private static final Pattern RUN_DOWNLOAD_DIR = Pattern.compile("gh\\s+run\\s+download\\b[^\\n;&|]*?\\s(?:--dir|-D)[= ]\\s*(\"[^\"\\n]*\"|'[^'\\n]*'|\\S+)");

    /** A download path outside the workspace: absolute, under the home directory or the runner's temp or tool cache. */
    static boolean outsideWorkspace(String path) {
        String p = path.toLowerCase(Locale.ROOT).replace(" ", "");
        return !p.contains("\n") && (p.startsWith("/") || p.startsWith("~") || p.startsWith("${{runner.temp}}")
                || p.startsWith("${{runner.tool_cache}}") || p.startsWith("$runner_temp") || p.startsWith("${runner_temp}")
                || p.startsWith("$home") || p.startsWith("${home}"));
    }

    /** Steps that fetch artifacts of a run other than the current one. */
    static boolean downloadsForeignArtifact(Step step) {
        if (step.uses("dawidd6/action-download-artifact") || step.uses("bettermarks/action-artifact-download")
                || step.uses("aochmann/actions-download-artifact")) {
            return true;
        }
        if (step.uses("actions/download-artifact")) {
            return step.input("run-id").isPresent() || step.input("github-token").isPresent();
        }
        if (step.uses("actions/github-script")) {
            String script = step.inputValue("script").orElse("");
            return script.contains("downloadArtifact") || script.contains("listWorkflowRunArtifacts");
        }
        return step.run() != null && RUN_DOWNLOAD.foundIn(step.run().value());
    }
}
