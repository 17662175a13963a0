package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.checks.common.CommandText;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.TreeSet;

/**
 * A {@code run:} script that installs packages by name from a public registry (PyPI, npm, RubyGems, crates.io,
 * NuGet, the Go module proxy) instead of from the project's lock file: the registry's newest release is taken when
 * the step runs, so a malicious release published before then (a maintainer's stolen token, a self-spreading worm)
 * runs in the job with its secrets and token. With exact versions the named packages are fixed, but their
 * dependencies are still resolved afresh and nothing checks the downloads against a hash: low confidence.
 */
public final class AdhocPackagesCheck implements Check {
    public static final String ID = "gha-adhoc-packages";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        Scalar run = Conditions.runningScript(context);
        if (run == null) {
            return;
        }
        List<AdhocInstalls.Install> installs = AdhocInstalls.find(run.value());
        if (installs.isEmpty()) {
            return;
        }
        // As for a downloaded script: a malicious release gets a fresh machine with nothing to steal there.
        boolean holdsNothing = Runners.freshAndHoldsNothing(context);
        String where = holdsNothing ? ", though the job holds no secrets, write token, OIDC token or deploy step and runs on a "
                + "fresh hosted runner, so it reaches only this run's workspace and results"
                : " with the job's token and whatever secrets it holds";
        for (AdhocInstalls.Install install : installs) {
            String command = CommandText.of(run.value(), install.start(), install.end());
            String step = "step '" + context.step().label() + "' installs ";
            var finding = findings.at(run.locate(install.start(), install.end() - install.start()));
            if (!install.floating().isEmpty()) {
                List<String> named = install.fromRegistry();
                List<String> branches = install.fromGit();
                String what = (named.isEmpty() ? "" : names(named) + " by name from " + install.source())
                        + (named.isEmpty() || branches.isEmpty() ? "" : " and ")
                        + (branches.isEmpty() ? "" : names(branches) + " from the head of a Git branch");
                finding.message(step + what + " (`" + CommandText.abbreviated(command) + "`), taking whatever "
                                + (named.isEmpty() ? "commit" : "release") + " is newest when it runs: a malicious "
                                + (named.isEmpty() ? "commit" : "release") + " published before then runs in this job" + where)
                        .property("floating", String.join(" ", install.floating().stream().map(AdhocPackagesCheck::withoutUserInfo)
                                .toList()));
            } else {
                finding.message(step + names(install.pinned()) + " from " + install.source() + " at exact versions (`"
                                + CommandText.abbreviated(command) + "`) but outside a lock file: their dependencies are resolved afresh at "
                                + "each run and nothing checks the downloads against a hash")
                        .confidence(Confidence.LOW);
            }
            if (holdsNothing) {
                finding.lowerSeverity();
            }
            // Keyed by the tool and the packages without their versions' order: the same install stays one finding.
            TreeSet<String> packages = new TreeSet<>(install.floating());
            packages.addAll(install.pinned());
            finding.subject(install.tool() + " " + String.join(" ", packages)).report();
        }
    }

    /** A package's URL without the user and password it may carry: a property is not masked as a message is. */
    private static String withoutUserInfo(String spec) {
        return spec.replaceAll("://[^/@\\s]*@", "://");
    }

    private static String names(List<String> packages) {
        String quoted = "`" + String.join("`, `", packages.size() > 5 ? packages.subList(0, 5) : packages) + "`";
        return packages.size() > 5 ? quoted + " and " + (packages.size() - 5) + " more" : quoted;
    }
}
