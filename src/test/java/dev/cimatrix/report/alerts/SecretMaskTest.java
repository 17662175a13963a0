package dev.cimatrix.report.alerts;

import dev.cimatrix.report.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
