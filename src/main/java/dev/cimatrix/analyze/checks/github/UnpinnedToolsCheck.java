package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Setup and installer actions ({@code analyze/tool-installer-actions.yaml}) left to fetch the newest release
 * of their tool: the version input is {@code latest} or another floating name, or left out where the
 * action then installs the newest. Pinning the action by SHA does not pin the tool it downloads.
 */
public final class UnpinnedToolsCheck implements Check {
    public static final String ID = "gha-unpinned-tools";

    private record Installer(String action, String input, boolean tool, boolean defaultLatest) {
    }

    private static final List<Installer> INSTALLERS;
    private static final Set<String> FLOATING;

    static {
        DataResource data = DataResource.load("tool-installer-actions.yaml");
        INSTALLERS = data.entries("installers").stream().map(UnpinnedToolsCheck::installer).toList();
        FLOATING = Set.copyOf(data.names("floating"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Step step = context.step();
        Optional<Installer> installer = INSTALLERS.stream().filter(i -> step.uses(i.action())).findFirst();
        if (installer.isEmpty() || Conditions.neverRuns(step.condition())) {
            return;
        }
        Installer it = installer.get();
        String action = step.uses().repository();
        Optional<KeyValue> input = step.input(it.input());
        // As for a downloaded script: a changed release gets a fresh machine with nothing to steal, and can only
        // falsify this run.
        boolean holdsNothing = Runners.freshAndHoldsNothing(context);
        Severity severity = it.tool() ? Severity.MEDIUM : Severity.LOW;
        if (holdsNothing) {
            severity = Severity.values()[severity.ordinal() - 1];
        }
        String holds = holdsNothing ? "; the job holds no secrets, write token, OIDC token or deploy step and runs on a "
                + "fresh hosted runner, so a changed release reaches only this run" : "";
        if (input.isEmpty()) {
            if (it.defaultLatest()) {
                findings.at(step.uses().location())
                        .message(action + " is not given '" + it.input() + "', so it installs the newest release when the job runs;"
                                + " set '" + it.input() + "' to an exact version" + holds)
                        .subject(action + " default").severity(severity).report();
            }
            return;
        }
        Scalar written = input.get().value();
        Scalar resolved = envValue(written, context).orElse(written);
        List<PossibleValues.Value> values = PossibleValues.of(resolved, context.job());
        Optional<String> floating = values.stream().filter(PossibleValues.Value::known).map(v -> v.text().get().strip())
                .filter(v -> FLOATING.contains(v.toLowerCase(Locale.ROOT))).findFirst();
        if (floating.isPresent()) {
            findings.at(written.location())
                    .message(action + " is asked for '" + it.input() + ": " + floating.get() + "'"
                            + (resolved.hasExpressions() || resolved != written ? " (through `" + written.value().strip() + "`)" : "")
                            + ", which installs whatever is newest when the job runs; set an exact version" + holds)
                    .subject(action + " " + floating.get()).severity(severity).report();
        } else if (values.stream().anyMatch(v -> !v.known())) {
            var finding = findings.at(written.location())
                    .message(action + " gets its '" + it.input() + "' from `" + resolved.value().strip() + "` at run time; when"
                            + " that is " + (it.defaultLatest() ? "empty or " : "") + "a floating name the newest release is "
                            + "installed" + holds)
                    .subject(action + " " + resolved.value().strip()).severity(severity).confidence(Confidence.MEDIUM);
            exactAtEveryCall(resolved, context).ifPresent(versions -> finding.severity(Severity.LOW)
                    .confidence(Confidence.LOW).clause("every call of this " + (context.inAction() ? "action" : "reusable "
                            + "workflow") + " in the scan gives the input an exact version (" + versions + "), itself or "
                            + "through its default, so only a caller elsewhere could float it"));
            finding.report();
        }
    }

    /**
     * The exact versions that {@code ${{ inputs.NAME }}} of a reusable workflow or action holds when every call of it
     * in the scan passes an exact version or leaves the input at an exact default (with no call in the scan, when the
     * default is exact), joined for a message; empty when a call may pass anything else, and for a workflow that runs
     * on other triggers too.
     */
    private static Optional<String> exactAtEveryCall(Scalar value, StepContext context) {
        if (!value.isSingleExpression()) {
            return Optional.empty();
        }
        Optional<String> path = ContextPaths.of(value.expressions().get(0).expr());
        if (path.isEmpty() || !path.get().startsWith("inputs.") || path.get().indexOf('.', "inputs.".length()) >= 0) {
            return Optional.empty();
        }
        String name = path.get().substring("inputs.".length());
        WorkflowTaint taint = WorkflowTaint.of(context.inventory(), context.derived());
        Optional<Scalar> fallback;
        List<List<KeyValue>> calls;
        if (context.inAction()) {
            fallback = context.action().input(name).map(ActionDefinition.Input::defaultValue);
            calls = taint.callsOf(context.action());
        } else {
            if (!context.workflow().triggers().stream().allMatch(t -> t.event().equals("workflow_call"))) {
                return Optional.empty();
            }
            fallback = context.workflow().triggers().stream().map(t -> t.inputDefault(name)).flatMap(Optional::stream)
                    .findFirst();
            calls = taint.callsOf(context.workflow()).stream().map(call -> call.job().with()).toList();
        }
        Set<String> versions = new TreeSet<>();
        // With no call in the scan, every caller is elsewhere: those that leave the input get the default.
        for (List<KeyValue> with : calls.isEmpty() ? List.of(List.<KeyValue>of()) : calls) {
            Optional<Scalar> passed = with.stream().filter(kv -> kv.key().equalsIgnoreCase(name)).map(KeyValue::value)
                    .findFirst().or(() -> fallback);
            if (passed.isEmpty() || !exact(passed.get())) {
                return Optional.empty();
            }
            versions.add(passed.get().value().strip());
        }
        return Optional.of(String.join(", ", versions));
    }

    /** A version written literally that names no floating release. */
    private static boolean exact(Scalar version) {
        String text = version.value().strip();
        return !version.hasExpressions() && !text.isEmpty() && !FLOATING.contains(text.toLowerCase(Locale.ROOT));
    }

    /**
     * The literal behind {@code ${{ env.NAME }}}, looked up in the step's, then the job's, then the workflow's
     * {@code env}, as GitHub resolves it.
     */
    private static Optional<Scalar> envValue(Scalar value, StepContext context) {
        if (!value.isSingleExpression()) {
            return Optional.empty();
        }
        Optional<String> path = ContextPaths.of(value.expressions().get(0).expr());
        if (path.isEmpty() || !path.get().startsWith("env.") || path.get().indexOf('.', 4) >= 0) {
            return Optional.empty();
        }
        String name = path.get().substring(4);
        List<List<KeyValue>> scopes = new ArrayList<>();
        scopes.add(context.step().env());
        if (context.job() != null) {
            scopes.add(context.job().env());
        }
        if (context.workflow() != null) {
            scopes.add(context.workflow().env());
        }
        for (List<KeyValue> scope : scopes) {
            Optional<KeyValue> hit = scope.stream().filter(kv -> kv.key().equalsIgnoreCase(name)).findFirst();
            if (hit.isPresent()) {
                return Optional.of(hit.get().value());
            }
        }
        return Optional.empty();
    }

    private static Installer installer(Map<?, ?> item) {
        return new Installer(DataResource.text(item, "action").toLowerCase(Locale.ROOT), DataResource.text(item, "input"),
                "tool".equals(DataResource.text(item, "kind")), Boolean.TRUE.equals(item.get("default-latest")));
    }
}
