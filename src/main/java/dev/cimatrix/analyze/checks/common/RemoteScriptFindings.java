package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.Locale;

/**
 * The finding of a script that runs code fetched at run time without checking it, alike for every platform: high over
 * plain HTTP, low when the URL names a fixed commit, and medium confidence when the download is saved and run later.
 */
public final class RemoteScriptFindings {
    private RemoteScriptFindings() {
    }

    /**
     * Reports one download-and-run found in a script value (or in a text of the same length and lines made from it),
     * at its span clipped to the line it starts on.
     */
    public static void report(Scalar script, RemoteScripts.Match match, String where, String subject,
                              FindingSink findings) {
        String text = script.value();
        int lineEnd = text.indexOf('\n', match.start());
        int end = lineEnd < 0 ? match.end() : Math.min(match.end(), lineEnd);
        report(text, match, script.locate(match.start(), Math.max(1, end - match.start())), where, subject, findings);
    }

    /**
     * Reports one download-and-run of a script.
     *
     * @param script  the script's text, in which {@code match} was found
     * @param at      where the finding points
     * @param where   the script's place, for the message: "the script of job 'build'"
     * @param subject what the finding's fingerprint names besides the form and URL: the job
     */
    public static void report(String script, RemoteScripts.Match match, Location at, String where, String subject,
                              FindingSink findings) {
        String command = CommandText.of(script, match.start(), match.end());
        String message = where + " " + match.form().action() + " (`" + CommandText.abbreviated(command)
                + "`): whoever controls " + (match.url() != null ? match.url() : "the download") + " runs code in this job";
        var finding = findings.at(at).message(message)
                .subject(subject + " " + match.form().name().toLowerCase(Locale.ROOT) + " "
                        + (match.url() != null ? match.url() : command));
        if (RemoteScripts.plainHttp(match.url())) {
            finding.severity(Severity.HIGH).message(message + ", and over plain HTTP so does anyone on the network path");
        } else if (RemoteScripts.commitPinned(match.url())) {
            finding.severity(Severity.LOW).message(message + "; the URL names a fixed commit, which limits this to "
                    + "that repository's history");
        }
        if (match.form() == RemoteScripts.Form.DOWNLOAD_THEN_RUN) {
            finding.confidence(Confidence.MEDIUM);
        }
        finding.property("form", match.form().name().toLowerCase(Locale.ROOT)).report();
    }
}
