package dev.cimatrix.analyze.checks.github;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HardcodedCredentialsCheckTest {
    @Test
    void masksShowNoMoreThanAPrefixOfLongValuesAndNothingOfShortOnes() {
        assertThat(HardcodedCredentialsCheck.mask("hackme")).doesNotContain("hack").contains("6 characters");
        String token = "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        assertThat(HardcodedCredentialsCheck.mask(token)).startsWith("ghp_…").doesNotContain("ABCD");
    }
}
