package dev.cimatrix.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextWrapTest {
    @Test
    void breaksAtSpacesWithinTheWidth() {
        assertThat(TextWrap.wrap("the quick brown fox jumps over", 10))
                .containsExactly("the quick", "brown fox", "jumps over");
        assertThat(TextWrap.wrap("  spaced\tout \n words  ", 40)).containsExactly("spaced out words");
    }

    @Test
    void cutsWordsLongerThanTheWidth() {
        assertThat(TextWrap.wrap("see https://example.org/a/very/long/path now", 12))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(12))
                .contains("see", "now");
        assertThat(String.join("", TextWrap.wrap("abcdefghij", 4))).isEqualTo("abcdefghij");
    }

    @Test
    void emptyTextIsOneEmptyLineAndAParagraphIsIndented() {
        assertThat(TextWrap.wrap("   ", 10)).containsExactly("");
        assertThat(TextWrap.wrap("a b", 0)).containsExactly("a", "b");
        assertThat(TextWrap.paragraph("one two three", 9, "  ")).isEqualTo("  one two\n  three\n");
    }
}
