package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.checks.common.ShellEvaluation;
import dev.cimatrix.analyze.github.Triggers;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.analyze.github.WorkflowTaint.Scope;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environment variable that holds attacker-controlled data (set from a pull request title, a comment, a branch
 * name, or from them through outputs and inputs) expanded in a shell script where the value is read again as code:
 * {@code eval}, {@code sh -c}, an interpreter's one-line program, {@code ssh}, a here-document an interpreter runs, or
 * the command name. Moving {@code ${{ }}} into {@code env:} keeps the value out of the script's text, but these places
 * put it back.
 */
public final class EvaluatedEnvCheck implements Check {
    public static final String ID = "gha-evaluated-env";

    /** {@code $NAME} or {@code ${NAME…}} ({@code ${#NAME}}, a length, is not a reference to the text). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    /** The shells whose scripts are read as POSIX shell scripts (bash is the default on Linux and macOS runners). */
    private static final Set<String> POSIX_SHELLS = Set.of("bash", "sh");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Scalar run = Conditions.runningScript(context);
        if (run == null || run.value().indexOf('$') < 0 || !posix(context)) {
            return;
        }
        String script = run.value();
        // Only variables an env block sets can carry the event's data; most scripts expand none of them, and the
        // taint of the step is not worked out for those.
        Set<String> outer = context.inAction() ? Set.of() : context.derived().get(
                List.of(ID + ".env", context.workflow().path(), context.job().id()), () -> {
                    Set<String> names = new java.util.HashSet<>();
                    context.job().env().forEach(kv -> names.add(kv.key()));
                    context.workflow().env().forEach(kv -> names.add(kv.key()));
                    return names;
                });
        Set<String> own = new java.util.HashSet<>();
        context.step().env().forEach(kv -> own.add(kv.key()));
        Matcher named = REFERENCE.matcher(script);
        boolean expandsDeclared = false;
        while (!expandsDeclared && named.find()) {
            expandsDeclared = own.contains(named.group(1)) || outer.contains(named.group(1));
        }
        if (!expandsDeclared) {
            return;
        }
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Scope scope = Scope.of(context);
        var lookup = taint.lookup(scope);
        List<MatchResult> references = new ArrayList<>();
        List<Set<String>> sources = new ArrayList<>();
        Matcher m = REFERENCE.matcher(script);
        while (m.find()) {
            Set<String> from = lookup.sourcesAt("env." + m.group(1).toLowerCase(Locale.ROOT));
            if (!from.isEmpty()) {
                references.add(m.toMatchResult());
                sources.add(from);
            }
        }
        if (references.isEmpty()) {
            return;
        }
        List<Optional<String>> evaluators = ShellEvaluation.at(script,
                references.stream().map(MatchResult::start).toList());
        Optional<String> privileged = Triggers.privilegedForOutsiders(taint.triggers(scope));
        boolean published = context.inAction() && taint.isPublished(context.action());
        for (int k = 0; k < references.size(); k++) {
            if (evaluators.get(k).isEmpty()) {
                continue;
            }
            MatchResult reference = references.get(k);
            String name = reference.group(1);
            String origin = String.join(", ", sources.get(k));
            var finding = findings.at(run.locate(reference.start(), reference.end() - reference.start()))
                    .message("step '" + context.step().label() + "' expands $" + name + ", which holds data from " + origin
                            + ", where " + evaluators.get(k).get() + " reads it again as code: an attacker who controls "
                            + "it runs their own commands" + (privileged.isPresent() ? " with the secrets and token of "
                            + Triggers.withArticle(privileged.get()) + " run" : published
                            ? " in every workflow that uses this action" : "") + "; pass it as data instead (an "
                            + "argument of the inner program, or \"$" + name + "\" inside its single-quoted text)")
                    .subject(name + " " + evaluators.get(k).get())
                    .property("variable", name).property("evaluator", evaluators.get(k).get());
            finding.confidenceAtMost(taint.sureness(sources.get(k), scope));
            if (privileged.isEmpty() && !published) {
                finding.severity(Severity.MEDIUM);
                taint.pullRequestCodeClause(scope, "the injection")
                        .ifPresent(clause -> finding.severity(Severity.LOW).clause(clause));
            }
            finding.report();
        }
    }

    /**
     * Whether the step's script runs in a POSIX shell: the shell it names, or its job's or workflow's default, is bash
     * or sh; or none is named and no runner label says Windows, whose default shell is PowerShell. A step of an action
     * must name its shell.
     */
    private static boolean posix(StepContext context) {
        String shell = context.step().shellIn(context.workflow(), context.job());
        if (shell == null) {
            return !context.inAction() && context.job().runsOn().stream()
                    .noneMatch(label -> label.value().toLowerCase(Locale.ROOT).contains("windows"));
        }
        String name = shell.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return POSIX_SHELLS.contains(name.substring(name.lastIndexOf('/') + 1));
    }
}
