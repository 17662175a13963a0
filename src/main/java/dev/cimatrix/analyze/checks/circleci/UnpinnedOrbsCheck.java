package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CircleciContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.CircleciConfig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An orb taken at a version that moves: {@code volatile} (the latest release), a development version
 * ({@code dev:label}, which its namespace's members overwrite at will), or a major or minor version ({@code @5},
 * {@code @5.1}), which takes each new release within it. A full version ({@code @5.1.2}) is immutable once published.
 * An orb's commands, jobs and executors run in the configuration's jobs with their environment and contexts.
 */
public final class UnpinnedOrbsCheck implements Check {
    public static final String ID = "circleci-unpinned-orbs";

    private static final Pattern REFERENCE = Pattern.compile("([^/@\\s]+)/([^/@\\s]+)@(.*)");
    private static final Pattern FULL = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern PARTIAL = Pattern.compile("\\d+(?:\\.\\d+)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void circleci(CircleciContext context, FindingSink findings) {
        for (CircleciConfig.Orb orb : context.config().orbs()) {
            if (orb.reference() == null) {
                continue;
            }
            String text = orb.reference().value().strip();
            Matcher m = REFERENCE.matcher(text);
            if (!m.matches()) {
                continue;
            }
            String version = m.group(3).strip();
            if (FULL.matcher(version).matches() || version.contains("<<")) {
                continue;
            }
            String owner = m.group(1).equals("circleci") ? "CircleCI" : "the namespace " + m.group(1);
            var finding = findings.at(orb.reference().location()).subject(orb.alias() + " " + text)
                    .property("version", version);
            if (version.equals("volatile")) {
                finding.message("the orb '" + orb.alias() + "' (" + text + ") takes whatever release " + owner
                        + " publishes last: its commands and jobs run here with this pipeline's environment and "
                        + "contexts, changed without a change in this repository; pin a full version (@x.y.z)").report();
            } else if (version.startsWith("dev:")) {
                finding.message("the orb '" + orb.alias() + "' (" + text + ") is a development version, which any "
                        + "member of " + owner + " can overwrite at any time and which expires; its commands run here "
                        + "with this pipeline's environment and contexts; pin a published full version (@x.y.z)")
                        .report();
            } else if (PARTIAL.matcher(version).matches()) {
                finding.message("the orb '" + orb.alias() + "' (" + text + ") takes each new release of " + version
                        + ".x that " + owner + " publishes, run here with this pipeline's environment and contexts; "
                        + "pin a full version (@x.y.z) and update it deliberately").severity(Severity.MEDIUM).report();
            }
        }
    }
}
