package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.github.RepoExecutors;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.AzureStep;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline that pull requests start ({@code pr} names branches, or is absent, which for GitHub and Bitbucket
 * repositories means every branch) and that runs the code it checks out: a build, an install, a test run or a script
 * of the repository, after the job's checkout of {@code self} (written, or the one every job but a deployment gets
 * when it writes none). The pull request's author, from a fork too, then runs code on the agent. Whether the run
 * also gets the pipeline's secrets depends on settings of the pipeline that the file does not show (secrets for fork
 * builds, comment approval); on a self-hosted pool the code also reaches a machine that later jobs reuse, which is
 * reported as medium, and on Microsoft-hosted agents as low. Without a {@code pr} key the file alone does not say that
 * pull requests start it (Azure Repos takes pull request builds from branch policies instead), so that is low too.
 */
public final class PullRequestCodeCheck implements Check {
    public static final String ID = "azure-pull-request-code";

    /** Built-in tasks that build, test or run content of the checked-out tree, by lower-case name. */
    private static final Set<String> TREE_TASKS = Set.of("bash", "powershell", "shellscript", "batchscript",
            "pythonscript", "cmdline", "npm", "dotnetcorecli", "maven", "gradle", "ant", "vsbuild", "msbuild",
            "xcode", "cmake", "go", "gulp", "grunt", "cocoapods", "azurecli", "azurepowershell", "vstest",
            "nugetcommand");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        AzurePipeline pipeline = context.pipeline();
        if (pipeline.template() || !pipeline.pr().enabled()) {
            return;
        }
        String trigger = pipeline.pr().mode() == AzurePipeline.PrTriggerMode.DEFAULT
                ? "pull requests to any branch start this pipeline (it has no pr trigger, which means all branches)"
                : "pull requests start this pipeline";
        for (AzureJob job : pipeline.jobs()) {
            boolean written = job.steps().stream().anyMatch(s -> s.kind() == AzureStep.Kind.CHECKOUT);
            boolean checkedOut = !written && (job.kind() == AzureJob.Kind.JOB || job.kind() == AzureJob.Kind.IMPLICIT);
            for (AzureStep step : job.steps()) {
                if (step.kind() == AzureStep.Kind.CHECKOUT) {
                    checkedOut |= step.name().value().strip().equalsIgnoreCase("self");
                    continue;
                }
                if (!checkedOut) {
                    continue;
                }
                Optional<String> executor = executor(step);
                if (executor.isEmpty()) {
                    continue;
                }
                boolean selfHosted = job.pool() != null && !job.pool().hosted();
                var finding = findings.at(step.script() != null ? step.script().location() : step.location())
                        .message(trigger + ", and " + step.label() + " in " + job.label() + " runs " + executor.get()
                                + " from the pull request's code: its author, from a fork too, runs code "
                                + (selfHosted ? "on the self-hosted pool '" + job.pool().name().value().strip()
                                + "', whose machines later jobs reuse" : "on the agent")
                                + ", with the secrets the pipeline gives pull request builds; keep secrets from fork "
                                + "builds, require a member's comment before building them, and build pull requests "
                                + "on Microsoft-hosted agents")
                        .subject(job.name() + " " + executor.get()).property("pool", selfHosted ? "self-hosted" : "hosted");
                if (!selfHosted || pipeline.pr().mode() == AzurePipeline.PrTriggerMode.DEFAULT) {
                    finding.severity(Severity.LOW);
                }
                finding.report();
            }
        }
    }

    /** What a step runs from the checked-out tree, or empty when nothing evidently. */
    private static Optional<String> executor(AzureStep step) {
        if (step.script() != null) {
            return RepoExecutors.scriptExecutor(step.script().value());
        }
        if (step.kind() == AzureStep.Kind.TASK) {
            String task = step.name().value().strip();
            int at = task.indexOf('@');
            String name = (at >= 0 ? task.substring(0, at) : task).toLowerCase(Locale.ROOT);
            if (TREE_TASKS.contains(name)) {
                return Optional.of("the task " + task);
            }
            if (name.equals("docker") && step.input("command").map(c -> c.value().value().toLowerCase(Locale.ROOT))
                    .filter(c -> c.startsWith("build")).isPresent()) {
                return Optional.of("the task " + task + " (a container build)");
            }
        }
        return Optional.empty();
    }
}
