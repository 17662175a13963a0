package dev.cimatrix.analyze.checks.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {
    @Test
    void masksShowNoMoreThanAPrefixOfLongValuesAndNothingOfShortOnes() {
        assertThat(Credentials.mask("hackme")).doesNotContain("hack").contains("6 characters");
        String token = "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        assertThat(Credentials.mask(token)).startsWith("ghp_…").doesNotContain("ABCD");
    }
}
