package dev.cimatrix.report.threat;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.Golden;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatFormatsGoldenTest {
    private static final ThreatModel MODEL = ThreatSample.model();

    @Test
    void markdown() {
        Golden.assertMatches("report/threat-model.md", ThreatReportWriter.write(MODEL, ThreatReportWriter.Format.markdown));
    }

    @Test
    void navigator() {
        String layer = ThreatReportWriter.write(MODEL, ThreatReportWriter.Format.navigator);
        Golden.assertMatches("report/coverage-layer.json", layer);
        JsonNode techniques = Json.mapper().readTree(layer).get("techniques");
        assertThat(techniques.size()).isEqualTo(MODEL.coverage().cells().size());
    }

    @Test
    void htmlIsOneFileThatNamesNoOtherResource() {
        String html = ThreatReportWriter.write(MODEL, ThreatReportWriter.Format.html);

        Matcher external = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?(https?:|//)[^\"'\\s>]*").matcher(html);
        assertThat(external.results().map(MatchResult::group).toList()).as("external references").isEmpty();
        assertThat(html.contains("sourceMappingURL")).as("a source-map comment is left").isFalse();
        assertThat(Pattern.compile("\\{\\{(title|style|vendor|data|script)}}").matcher(html).find())
                .as("a template slot is left").isFalse();
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">\\n(.*?)\\n</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode parsed = Json.mapper().readTree(data.group(1));
        assertThat(parsed.get("cells").size()).isEqualTo(MODEL.coverage().cells().size());
        assertThat(parsed.get("paths").size()).isEqualTo(2);
        assertThat(html.contains("Copyright (c) 2016-2026, The Cytoscape Consortium") && html.contains("cytoscape-dagre"))
                .as("the licence headers of the vendored libraries are kept").isTrue();
    }
}
