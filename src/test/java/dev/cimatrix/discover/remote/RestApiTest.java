package dev.cimatrix.discover.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest {
    @Test
    void aUrlKeepsWhereItLeadsAndLosesItsCredentials() {
        assertThat(RestApi.maskedUrl("https://ci:s3cr3tT0ken@jenkins.acme.dev:8443/github-webhook/?token=abc&x"))
                .isEqualTo("https://***@jenkins.acme.dev:8443/github-webhook/?token=***&x");
        assertThat(RestApi.maskedUrl("https://hooks.slack.com/services/T0AAA1111/B0BBB2222/xXx9yYy8zZz7wWw6vVv5"))
                .isEqualTo("https://hooks.slack.com/services/T0AAA1111/B0BBB2222/***");
        assertThat(RestApi.maskedUrl("http://atlantis.internal/events")).isEqualTo("http://atlantis.internal/events");
        assertThat(RestApi.maskedUrl("not a url")).isEqualTo("***");
        assertThat(RestApi.maskedUrl("")).isEmpty();
    }
}
