package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.RelatedLocation;
import dev.cimatrix.model.Location;
import dev.cimatrix.report.Printable;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands that turn each finding and problem into an annotation on the file, one
 * line each: {@code ::error file=F,line=L,endLine=E,col=C,endColumn=EC,title=CHECK::message}.
 */
final class GithubAnnotations {
    private GithubAnnotations() {
    }

    static String render(ScanReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            List<String> message = new ArrayList<>();
            message.add(finding.message());
            for (RelatedLocation related : finding.related()) {
                Location at = related.location();
                message.add(at.path() + ":" + at.startLine() + ":" + at.startColumn() + ": " + related.message());
            }
            message.add(finding.severity().label() + " severity, " + finding.confidence().label()
                    + " confidence; " + String.join(", ", finding.cells()));
            out.append(command(level(finding), finding.location(), finding.checkId(), String.join("\n", message)));
        }
        for (Problem problem : report.problems()) {
            out.append(command(problem.isError() ? "error" : "warning", problem.location(), "cimatrix " + problem.kind().id(),
                    problem.message()));
        }
        return out.toString();
    }

    private static String level(Finding finding) {
        return switch (finding.severity()) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "notice";
        };
    }

    private static String command(String level, Location at, String title, String message) {
        StringBuilder line = new StringBuilder("::").append(level)
                .append(" file=").append(property(at.path()))
                .append(",line=").append(at.startLine())
                .append(",endLine=").append(at.endLine());
        // GitHub keeps columns only for an annotation on a single line.
        if (at.startLine() == at.endLine()) {
            line.append(",col=").append(at.startColumn()).append(",endColumn=").append(at.endColumn());
        }
        return line.append(",title=").append(property(title)).append("::").append(data(message)).append('\n').toString();
    }

    /**
     * The message of a command. Escaping keeps it on one line, which also keeps text quoted from a scanned file
     * from starting a workflow command of its own; other control characters show as '?' in the run's log.
     */
    static String data(String text) {
        return Printable.line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    /** A property value, where ':' and ',' would also end the value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
