package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.ActionContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.ImageRef;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * An action whose consumers cannot pin what it runs: pinning it by commit SHA fixes its metadata, but a
 * Docker action built from a Dockerfile or pulling a tagged image, or a composite action that uses other
 * actions by tag or downloads code at run time, still runs whatever those references resolve to that day.
 */
public final class UnpinnableActionCheck implements Check {
    public static final String ID = "gha-unpinnable-action";

    /** A mutable thing the action fetches when it runs. */
    private record Dependency(Location where, String what) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void action(ActionContext context, FindingSink findings) {
        ActionDefinition action = context.action();
        if (action.isDocker() && action.image() != null) {
            docker(action, findings);
        } else if (action.isComposite()) {
            composite(action, findings);
        }
    }

    private void docker(ActionDefinition action, FindingSink findings) {
        String image = action.image().value().strip();
        if (image.startsWith("docker://")) {
            ImageRef ref = ImageRef.parse(image);
            if (!ref.isPinned()) {
                findings.at(action.image().location())
                        .message("Docker action " + action.path() + " runs image '" + image.substring("docker://".length())
                                + "', which " + ref.problem() + ": pinning this action by SHA does not pin the image it runs")
                        .subject(action.path() + " image").report();
            }
            return;
        }
        findings.at(action.image().location())
                .message("Docker action " + action.path() + " is built from '" + image + "' on every run: the base image and"
                        + " packages it fetches are not covered by a SHA pin of the action unless the Dockerfile pins them by digest and version")
                .subject(action.path() + " dockerfile")
                .confidence(Confidence.MEDIUM)
                .report();
    }

    private void composite(ActionDefinition action, FindingSink findings) {
        List<Dependency> mutable = new ArrayList<>();
        for (Step step : action.steps()) {
            ActionRef uses = step.uses();
            if (uses != null && uses.kind() == ActionRef.Kind.REPOSITORY && !uses.isPinned()) {
                mutable.add(new Dependency(uses.location(), uses.nameWithPath()
                        + (uses.ref().isEmpty() ? " (no ref)" : "@" + uses.ref())));
            } else if (uses != null && uses.kind() == ActionRef.Kind.DOCKER && !uses.isPinned()) {
                mutable.add(new Dependency(uses.location(), uses.raw().strip()));
            }
            if (step.run() != null) {
                for (RemoteScripts.Match m : RemoteScripts.find(step.run().value())) {
                    mutable.add(new Dependency(step.run().locate(m.start(), m.end() - m.start()),
                            "a script downloaded from " + (m.url() != null ? m.url() : "the network")));
                }
            }
        }
        if (mutable.isEmpty()) {
            return;
        }
        Dependency first = mutable.get(0);
        String listed = String.join(", ", mutable.stream().map(Dependency::what).limit(5).toList())
                + (mutable.size() > 5 ? " and " + (mutable.size() - 5) + " more" : "");
        var finding = findings.at(first.where())
                .message("composite action " + action.path() + " runs " + mutable.size() + " mutable dependenc"
                        + (mutable.size() == 1 ? "y" : "ies") + " (" + listed + "): pinning this action by SHA does not pin"
                        + " what it runs")
                .subject(action.path());
        for (Dependency other : mutable.subList(1, mutable.size())) {
            finding.related(other.where(), "also mutable: " + other.what());
        }
        finding.report();
    }
}
