package dev.cimatrix.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules using what the engine does not run are refused whole, with file, line and the construct named. */
class RuleRefusalTest {
    private static RuleException refusal(String yaml) {
        RuleSet set = RuleSet.builder().add("bad.yml", yaml).build();
        assertThat(set.rules()).as("a refused rule must not be loaded").isEmpty();
        assertThat(set.refused()).hasSize(1);
        return set.refused().get(0);
    }

    private static String rule(String selection, String condition) {
        return """
                title: t
                logsource:
                  product: github
                  service: audit
                detection:
                  selection:
                    %s
                  condition: %s
                """.formatted(selection, condition);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', quoteCharacter = '`', textBlock = """
            action|windash: x          § selection             § 7 § modifier 'windash'
            action|expand: '%x%'       § selection             § 7 § modifier 'expand'
            action|hour: 3             § selection             § 7 § time modifier 'hour'
            action|bogus: x            § selection             § 7 § unknown modifier 'bogus'
            action|re: '(['            § selection             § 7 § invalid regular expression
            action|cidr: nonsense      § selection             § 7 § not an IP network
            action|cidr: 10.0.0.0/33   § selection             § 7 § not an IP network
            action|cidr: '10.*.*.*'    § selection             § 7 § not an IP network
            action|cidr: ''            § selection             § 7 § not an IP network
            action|gt: many            § selection             § 7 § needs a number
            action|exists: maybe       § selection             § 7 § true or false
            action|utf16le: x          § selection             § 7 § without base64
            action|re|contains: x      § selection             § 7 § cannot be combined
            action: x                  § selection | count() > 5 § 8 § aggregation
            action: x                  § selection near other  § 8 § 'near'
            action: x                  § 2 of selection        § 8 § only '1 of' and 'all of'
            action: x                  § selection and missing § 8 § 'missing', which is not a search identifier
            action: x                  § (selection            § 8 § missing ')'
            action: x                  § 1 of nothing*         § 8 § matches no search identifier
            action: {a: b}             § selection             § 7 § a map as a value
            """)
    void refusedConstruct(String selection, String condition, int line, String message) {
        RuleException e = refusal(rule(selection, condition));
        assertThat(e.file()).isEqualTo("bad.yml");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.describe()).startsWith("bad.yml:" + line + ": ");
    }

    @Test
    void unsupportedLogsourceIsNamed() {
        RuleException e = refusal("""
                title: windows
                logsource:
                  product: windows
                  category: process_creation
                detection:
                  selection:
                    Image|endswith: '\\\\cmd.exe'
                  condition: selection
                """);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("category process_creation, product windows").contains("not a log");
    }

    @Test
    void invalidYamlIsReportedAtItsLine() {
        RuleException e = refusal("title: t\nlogsource:\n  product: github\n  service: [audit\ndetection: {}\n");
        assertThat(e.getMessage()).startsWith("not valid YAML");
        assertThat(e.line()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void correlationOfUnknownRuleIsRefused() {
        RuleSet set = RuleSet.builder().add("c.yml", """
                title: many
                correlation:
                  type: event_count
                  rules: [nope]
                  group-by: [actor]
                  timespan: 1h
                  condition: {gte: 3}
                """).build();
        assertThat(set.refused()).singleElement()
                .satisfies(e -> assertThat(e.describe()).contains("c.yml:1").contains("'nope'"));
    }

    @Test
    void aggregationKeywordTimeframeIsRefused() {
        String withTimeframe = rule("action: x", "selection").replace("  condition:", "  timeframe: 5m\n  condition:");
        RuleException e = refusal(withTimeframe);
        assertThat(e.getMessage()).contains("timeframe");
    }

    @Test
    void otherDocumentsOfTheFileStillLoad() {
        RuleSet set = RuleSet.builder().add("two.yml", rule("action: x", "selection") + "---\n"
                + rule("action|windash: x", "selection")).build();
        assertThat(set.rules()).hasSize(1);
        assertThat(set.refused()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(16));
    }
}
