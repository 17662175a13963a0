package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.checks.common.CommandText;
import dev.cimatrix.analyze.checks.common.RemoteScripts;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Locale;

/**
 * A {@code run:} script that executes code fetched at run time without checking it: whoever controls the
 * server, the file behind the URL or (over plain HTTP) the network path runs code in the job with its
 * secrets and token, as the altered Codecov Bash uploader did from January to April 2021.
 */
public final class RemoteScriptCheck implements Check {
    public static final String ID = "gha-remote-script";

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
        List<RemoteScripts.Match> matches = RemoteScripts.find(run.value());
        boolean holdsNothing = !matches.isEmpty() && Runners.freshAndHoldsNothing(context);
        for (RemoteScripts.Match match : matches) {
            String command = CommandText.of(run.value(), match.start(), match.end());
            String message = "step '" + context.step().label() + "' " + match.form().action() + " (`" + CommandText.abbreviated(command)
                    + "`): whoever controls " + (match.url() != null ? match.url() : "the download") + " runs code in this job"
                    + (holdsNothing ? ", though the job holds no secrets, write token, OIDC token or deploy step and runs on "
                    + "a fresh hosted runner, so the code reaches only this run's workspace and results" : "");
            var finding = findings.at(run.locate(match.start(), match.end() - match.start())).message(message)
                    .subject(match.form().name().toLowerCase(Locale.ROOT) + " " + (match.url() != null ? match.url() : command));
            if (RemoteScripts.plainHttp(match.url())) {
                finding.severity(Severity.HIGH).message(message + ", and over plain HTTP so does anyone on the network path");
            } else if (RemoteScripts.commitPinned(match.url())) {
                finding.severity(Severity.LOW).message(message + "; the URL names a fixed commit, which limits this to that repository's history");
            }
            if (match.form() == RemoteScripts.Form.DOWNLOAD_THEN_RUN) {
                finding.confidence(Confidence.MEDIUM);
            }
            if (holdsNothing) {
                // A changed script gets a fresh machine with nothing to steal: it can only falsify this run.
                finding.lowerSeverity();
            }
            finding.property("form", match.form().name().toLowerCase(Locale.ROOT)).report();
        }
    }
}
