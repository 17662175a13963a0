package dev.cimatrix.analyze.checks.github;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionVersionTest {
    private static ActionVersion v(String text) {
        return ActionVersion.parse(text).orElseThrow();
    }

    @Test
    void aShortRefStandsForTheNewestReleaseItCovers() {
        assertThat(v("v46").atLeast(v("46.0.1"))).isTrue();
        assertThat(v("v45").atLeast(v("46.0.1"))).isFalse();
        assertThat(v("v46.0").atLeast(v("46.0.1"))).isTrue();
        assertThat(v("v46.0.0").atLeast(v("46.0.1"))).isFalse();
        assertThat(v("2.2").atLeast(v("2.7.5"))).isFalse();
    }

    @Test
    void theLowestReleaseOfAShortRefDecidesTheLowerBound() {
        assertThat(v("v4").lowestAtLeast(v("4.0.0"))).isTrue();
        assertThat(v("v3.9").lowestAtLeast(v("4.0.0"))).isFalse();
        assertThat(v("4.0.0-rc1").lowestAtLeast(v("4.0.0"))).isTrue();
    }

    @Test
    void branchesAndShasAreNotVersions() {
        assertThat(ActionVersion.parse("main")).isEmpty();
        assertThat(ActionVersion.parse("0e58ed8671d6b60d0890c21b07f8835ace038e67")).isEmpty();
        assertThat(ActionVersion.parse("release-1")).isEmpty();
    }
}
