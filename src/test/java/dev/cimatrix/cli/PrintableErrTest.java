package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableErrTest {
    @Test
    void wordsUpToTheLimitAreKeptWhole() {
        String word = "p".repeat(PrintableErr.LONGEST_WORD);
        String text = "cimatrix scan: " + word + "\n  see 'cimatrix scan --help'";
        assertThat(PrintableErr.clipWords(text)).isSameAs(text);
    }

    @Test
    void aLongerWordIsShownByItsStartAndEndWithTheCountLeftOut() {
        String word = "a".repeat(200) + "b".repeat(100_000) + "c".repeat(100);
        String shown = "a".repeat(200) + "…(100,000 characters)…" + "c".repeat(100);
        assertThat(PrintableErr.clipWords("unknown " + word + " here\nand\t" + word))
                .isEqualTo("unknown " + shown + " here\nand\t" + shown);
    }

    @Test
    void aClippedWordKeepsItsSurrogatePairsWhole() {
        String pair = "\uD83D\uDE00";
        String word = pair.repeat(1_000);
        String clipped = PrintableErr.clipWords(word);
        assertThat(clipped).startsWith(pair).endsWith(pair).contains("characters)…");
        // Every surrogate half has its partner beside it.
        for (int i = 0; i < clipped.length(); i++) {
            char c = clipped.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(Character.isLowSurrogate(clipped.charAt(i + 1))).as("at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("at %d", i).isFalse();
            }
        }
    }

    /** An argument pasted by mistake, a megabyte long, makes a usage error of a few hundred characters. */
    @Test
    void aHugeArgumentMakesAShortUsageError() {
        String huge = "x".repeat(1 << 20);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"scan", "--fail-on", huge, "."}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("unknown --fail-on 'xxx").contains("characters)…xxx")
                .hasSizeLessThan(2_000);
    }
}
