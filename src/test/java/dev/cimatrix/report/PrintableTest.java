package dev.cimatrix.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {
    @Test
    void controlCharactersAndDirectionOverridesBecomeQuestionMarks() {
        assertThat(Printable.line("a\u001b[2Jb\u0007c\u007fd\u0085e\u009bf")).isEqualTo("a?[2Jb?c?d?e?f");
        assertThat(Printable.line("admin\u202egpj.exe\u2066x\u2069\u200e\u200f\u061c")).isEqualTo("admin?gpj.exe?x????");
        assertThat(Printable.line("one\ntwo\r\u2028three\u2029")).isEqualTo("one?two??three?");
        assertThat(Printable.lines("one\ntwo\r\n")).isEqualTo("one\ntwo?\n");
    }

    @Test
    void tabsAndOrdinaryTextStayAsTheyAre() {
        String text = "job\tdéploiement 🚀 ジョブ — \"quoted\" <b> ${{ x }}";
        assertThat(Printable.line(text)).isSameAs(text);
        assertThat(Printable.lines(text + "\n")).isEqualTo(text + "\n");
    }
}
