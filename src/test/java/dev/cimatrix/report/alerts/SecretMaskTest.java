package dev.cimatrix.report.alerts;

import dev.cimatrix.report.Json;
import dev.cimatrix.testing.SharedData;
import tools.jackson.core.JsonGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SecretMaskTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', textBlock = """
            token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5 used  § token ghp_…[masked 40 chars] used
            github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv § gith…[masked 53 chars]
            glpat-abcdefghij0123456789                           § glpa…[masked 26 chars]
            key AKIAIOSFODNN7EXAMPLE here                        § key AKIA…[masked 20 chars] here
            eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijk12 § eyJh…[masked 54 chars]
            x=Zk3mQ9vL2pR7tW4yB8nC1dF6gH0jK5sX+==                § x=Zk3m…[masked 35 chars]
            https://github.com/acme/Service123/actions/runs/9876543210 § https://github.com/acme/Service123/actions/runs/9876543210
            66dddddddddddddddddddddddddddddddddddddd             § 66dddddddddddddddddddddddddddddddddddddd
            0f8fad5b-d9cb-469f-a165-70867728950e                 § 0f8fad5b-d9cb-469f-a165-70867728950e
            org.register_self_hosted_runner                      § org.register_self_hosted_runner
            """)
    void masksTokenShapedText(String in, String out) {
        assertThat(SecretMask.text(in)).isEqualTo(out);
    }

    @Test
    void masksValuesOfSecretNamedKeysAndLeavesOthers() {
        var node = Json.mapper().readTree("{\"password\":\"hunter2\",\"nested\":[{\"note\":"
                + "\"ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\"}],\"actor\":\"alice\",\"n\":3}");
        assertThat(SecretMask.json(node)).isEqualTo(Json.mapper().readTree(
                "{\"password\":\"h…[masked 7 chars]\",\"nested\":[{\"note\":\"ghp_…[masked 40 chars]\"}],"
                        + "\"actor\":\"alice\",\"n\":3}"));
    }

    /** The streamed copy must write exactly what serialising the masked tree writes. */
    @Test
    void streamedCopyWritesWhatTheMaskedTreeWrites() throws IOException {
        List<String> events = new ArrayList<>(List.of(
                "{\"password\":\"hunter2\",\"token\":{\"inner\":\"ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\"}}",
                "{\"Secret\":12,\"api_key\":null,\"n\":[1,-0,2147483648,98765432109876543210,1.5,-2.0e-3,1E400]}",
                "{\"s\":\"tab\\t quote\\\" uni \\u00e9 \\ud83d\\ude00 \u00e9\",\"e\":{},\"a\":[],\"b\":[true,false,null]}",
                "[{\"x\":[[{\"y\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijk12\"}]]}]",
                "\"just a string\"", "42",
                "[{\"a\":1,\"b\":{\"a\":2}},{\"a\":3,\"b\":{\"a\":4}}]", "{\"o\":{\"k\":1},\"p\":{\"k\":1},\"k\":0}"));
        if (SharedData.present()) {
            try (Stream<Path> files = Files.list(SharedData.file("corpus/audit-logs"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                    Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(events::add);
                }
            }
        }
        for (String event : events) {
            StringWriter streamed = new StringWriter();
            boolean copied;
            try (JsonGenerator g = Json.mapper().writer().createGenerator(streamed)) {
                copied = SecretMask.copyMasked(event, g);
            }
            assertThat(copied).as(event).isTrue();
            StringWriter tree = new StringWriter();
            try (JsonGenerator g = Json.mapper().writer().createGenerator(tree)) {
                g.writeTree(SecretMask.json(Json.mapper().readTree(event)));
            }
            assertThat(streamed.toString()).as(event).isEqualTo(tree.toString());
        }
    }

    @Test
    void repeatedKeysAndBrokenTextAreLeftToTheTreePath() {
        for (String event : List.of("{\"a\":1,\"a\":2}", "{\"o\":{\"a\":1,\"b\":[],\"a\":2}}",
                "[{\"a\":1},{\"b\":{\"c\":1,\"c\":1}}]", "{\"a\":", "{\"a\":[1}", "{} {}", "")) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = Json.mapper().writer().createGenerator(out)) {
                assertThat(SecretMask.copyMasked(event, g)).as(event).isFalse();
            }
            assertThat(out.toString()).isEmpty();
        }
    }
}
