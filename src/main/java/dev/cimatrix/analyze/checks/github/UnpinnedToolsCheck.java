package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Severity severity = it.tool() ? Severity.MEDIUM : Severity.LOW;
        if (input.isEmpty()) {
            if (it.defaultLatest()) {
                findings.at(step.uses().location())
                        .message(action + " is not given '" + it.input() + "', so it installs the newest release when the job runs;"
                                + " set '" + it.input() + "' to an exact version")
                        .subject(action + " default").severity(severity).report();
            }
            return;
        }
        String value = input.get().value().value().strip();
        if (input.get().value().hasExpressions()) {
            findings.at(input.get().value().location())
                    .message(action + " gets its '" + it.input() + "' from `" + value + "` at run time; when that is empty or"
                            + " a floating name the newest release is installed")
                    .subject(action + " " + value).severity(severity).confidence(Confidence.MEDIUM).report();
            return;
        }
        if (FLOATING.contains(value.toLowerCase(Locale.ROOT))) {
            findings.at(input.get().value().location())
                    .message(action + " is asked for '" + it.input() + ": " + value + "', which installs whatever is newest when"
                            + " the job runs; set an exact version")
                    .subject(action + " " + value).severity(severity).report();
        }
    }

    private static Installer installer(Map<?, ?> item) {
        return new Installer(DataResource.text(item, "action").toLowerCase(Locale.ROOT), DataResource.text(item, "input"),
                "tool".equals(DataResource.text(item, "kind")), Boolean.TRUE.equals(item.get("default-latest")));
    }
}
