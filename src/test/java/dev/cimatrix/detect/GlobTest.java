package dev.cimatrix.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Sigma wildcard values: what they match, and that a crafted value cannot make matching slow. */
class GlobTest {
    private static boolean matches(String pattern, boolean cased, String value) {
        ValueMatcher matcher = Glob.compile(Glob.parse(pattern, true), cased);
        return matcher.matches(value, value.toLowerCase(Locale.ROOT), null);
    }

    /** The pattern as the regular expression it means, for comparison: {@code *} any run, {@code ?} one character. */
    private static boolean byRegex(String pattern, boolean cased, String value) {
        StringBuilder regex = new StringBuilder();
        for (Glob.Part p : Glob.parse(pattern, true)) {
            regex.append(p.literal() != null ? Pattern.quote(p.literal()) : p.wildcard() == '*' ? ".*" : ".");
        }
        int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }

    @Test
    void wildcardPatternsMatchAsTheirRegularExpressionsDo() {
        Random random = new Random(5);
        String alphabet = "abAB*?\\";
        int compared = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder pattern = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                pattern.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                value.append("abAB?*".charAt(random.nextInt(6)));
            }
            boolean cased = random.nextBoolean();
            String p = pattern.toString();
            String v = value.toString();
            assertThat(matches(p, cased, v)).as("%s %s '%s'", p, cased ? "cased" : "uncased", v)
                    .isEqualTo(byRegex(p, cased, v));
            compared++;
        }
        assertThat(compared).isEqualTo(200_000);
    }

    @Test
    void aQuestionMarkIsOneCharacterEvenOutsideTheBasicPlane() {
        assertThat(matches("a?b*", true, "a\uD83D\uDE80b-launch")).isTrue();
        assertThat(matches("a??b*", true, "a\uD83D\uDE80b-launch")).isFalse();
    }

    /**
     * A value of a megabyte that nearly matches a pattern of several stars: a backtracking regular expression takes
     * hours over it (each star tries every split); the runs are placed in one pass.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCraftedValueCannotMakeMatchingSlow() {
        String value = "a".repeat(1 << 20);
        assertThat(matches("*a*a*a*a*a*b*", false, value)).isFalse();
        assertThat(matches("*a?a*a?a*a*c", true, value + "c")).isTrue();
    }
}
