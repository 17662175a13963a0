package dev.cimatrix.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestIdsTest {
    private static final List<String> CHECKS = List.of("gha-untrusted-checkout", "gha-unpinned-uses",
            "gha-unpinned-images", "gha-template-injection", "gha-artipacked");

    @Test
    void typosAreMatchedNearestFirstWhateverTheCase() {
        assertThat(ClosestIds.to("gha-untrusted-chekout", CHECKS, 3)).containsExactly("gha-untrusted-checkout");
        assertThat(ClosestIds.to("GHA-UNPINNED-USE", CHECKS, 3)).containsExactly("gha-unpinned-uses");
        assertThat(ClosestIds.to("cicd-t16", List.of("CICD-T016", "CICD-T061", "CICD-T106"), 3))
                .first().isEqualTo("CICD-T016");
    }

    @Test
    void anIdWithoutItsPrefixIsFoundByContainment() {
        assertThat(ClosestIds.to("template-injection", CHECKS, 3)).containsExactly("gha-template-injection");
        assertThat(ClosestIds.to("unpinned", CHECKS, 3)).containsExactly("gha-unpinned-images", "gha-unpinned-uses");
    }

    @Test
    void nothingCloseGivesNothingAndTheLimitHolds() {
        assertThat(ClosestIds.to("something-else-entirely", CHECKS, 3)).isEmpty();
        assertThat(ClosestIds.to("  ", CHECKS, 3)).isEmpty();
        assertThat(ClosestIds.to("gha", CHECKS, 2)).hasSize(2);
    }
}
