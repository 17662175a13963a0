package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.JenkinsPipeline.Library;

import java.util.regex.Pattern;

/**
 * A shared library loaded at a version that can change ({@code @Library('tools') _}, {@code @Library('tools@main') _},
 * {@code library 'tools@v2'}). The library's code runs inside this pipeline with its credentials and agents, and a
 * global library's outside the script security sandbox, with the controller's own rights: whoever can push to the
 * branch, or move the tag, changes what this pipeline runs. A branch, or no version (the default the controller's
 * configuration sets, most often a branch), is medium; a tag is low; a full commit hash is not reported.
 */
public final class UnpinnedLibraryCheck implements Check {
    public static final String ID = "jenkins-unpinned-library";

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{7,39}");
    private static final Pattern TAG = Pattern.compile("v?\\d+(?:\\.\\d+)*(?:[-+.][0-9A-Za-z.-]+)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        for (Library library : context.pipeline().libraries()) {
            String reference = library.reference().value().strip();
            int at = reference.indexOf('@');
            String name = at < 0 ? reference : reference.substring(0, at);
            String version = at < 0 ? "" : reference.substring(at + 1).strip();
            if (name.isEmpty() || FULL_SHA.matcher(version).matches()) {
                continue;
            }
            String runs = "the shared library '" + name + "' (" + library.form() + ") runs its code in this pipeline "
                    + "with its credentials, outside the script sandbox when it is a global library";
            var finding = findings.at(library.reference().location()).subject(name).property("version", version);
            if (reference.contains("$")) {
                finding.message(runs + "; its version is built from variables, so what runs is known only when the "
                        + "pipeline runs; load it at a full commit hash (" + name + "@<40-character SHA>)")
                        .confidence(Confidence.LOW).report();
            } else if (version.isEmpty()) {
                finding.message(runs + ", at the default version the controller's configuration sets for it, most "
                        + "often a branch whose every push changes what this pipeline runs; load it at a full commit "
                        + "hash (" + name + "@<40-character SHA>)").confidence(Confidence.MEDIUM).report();
            } else if (SHORT_SHA.matcher(version).matches() && !version.chars().allMatch(Character::isDigit)) {
                finding.message(runs + ", at the abbreviated commit hash " + version + ", which a later commit can "
                        + "come to share; load it at the full 40-character hash").severity(Severity.LOW).report();
            } else if (TAG.matcher(version).matches()) {
                finding.message(runs + ", at the tag " + version + ", which whoever can push to the library can "
                        + "move; load it at a full commit hash").severity(Severity.LOW).report();
            } else {
                finding.message(runs + ", at '" + version + "', a branch whose every push changes what this pipeline "
                        + "runs; load it at a full commit hash (" + name + "@<40-character SHA>)").report();
            }
        }
    }
}
