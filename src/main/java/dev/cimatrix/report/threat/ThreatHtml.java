package dev.cimatrix.report.threat;

import dev.cimatrix.report.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTML report: one file that works offline. The page template, its style and script, the vendored Cytoscape.js
 * and the report data (one JSON block) are all inlined, so opening the file never makes a request.
 */
final class ThreatHtml {
    private static final String BASE = "report/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(title|style|vendor|data|script)}}");
    private static final List<String> VENDORED = List.of(
            "vendor/cytoscape/cytoscape.min.js", "vendor/cytoscape-dagre/cytoscape-dagre.min.js");

    private ThreatHtml() {
    }

    static String render(ThreatModel model) {
        String data = Json.pretty(ReportData.of(model))
                // JSON inside <script> must never close the element or open a comment.
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String vendored = VENDORED.stream().map(ThreatHtml::script).collect(Collectors.joining("\n"));
        Map<String, String> slots = Map.of(
                "title", escape("Threat model: " + model.repositoriesForTitle(r -> r)),
                "style", resource("report.css"),
                "vendor", vendored,
                "data", data.strip(),
                "script", resource("report.js"));
        // One pass over the template: text put into a slot is never searched for slots itself.
        return SLOT.matcher(resource("report.html")).replaceAll(m -> Matcher.quoteReplacement(slots.get(m.group(1))));
    }

    /**
     * A vendored library as an inline script, without its source-map comment (the map is not shipped, and a
     * browser with developer tools open would try to fetch it).
     */
    private static String script(String path) {
        String code = resource(path).lines().filter(l -> !l.startsWith("//# sourceMappingURL="))
                .collect(Collectors.joining("\n"));
        if (code.contains("</script")) {
            throw new IllegalStateException(path + " contains </script and cannot be inlined");
        }
        return "<script>\n" + code + "\n</script>";
    }

    private static String resource(String name) {
        try (InputStream in = ThreatHtml.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BASE + name + " (the jar is incomplete)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
