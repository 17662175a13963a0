package dev.cimatrix.analyze.checks.github;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TyposquatUsesCheckTest {
    @Test
    void oneEditIsAnInsertionDeletionSubstitutionOrNeighbourSwap() {
        assertThat(TyposquatUsesCheck.oneEditApart("action", "actions")).isTrue();
        assertThat(TyposquatUsesCheck.oneEditApart("actiions", "actions")).isTrue();
        assertThat(TyposquatUsesCheck.oneEditApart("acti0ns", "actions")).isTrue();
        assertThat(TyposquatUsesCheck.oneEditApart("cations", "actions")).isTrue();
        assertThat(TyposquatUsesCheck.oneEditApart("actinos", "actions")).isTrue();
        assertThat(TyposquatUsesCheck.oneEditApart("actions", "actions")).isFalse();
        assertThat(TyposquatUsesCheck.oneEditApart("catoins", "actions")).isFalse();
        assertThat(TyposquatUsesCheck.oneEditApart("act", "actions")).isFalse();
    }

    @Test
    void popularAndKnownLegitimateOwnersAreNotSquats() {
        assertThat(TyposquatUsesCheck.imitated("actions")).isEmpty();
        assertThat(TyposquatUsesCheck.imitated("dockur")).isEmpty();
        assertThat(TyposquatUsesCheck.imitated("dokcer")).contains("docker");
    }
}
