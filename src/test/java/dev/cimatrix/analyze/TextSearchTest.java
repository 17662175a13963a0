package dev.cimatrix.analyze;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextSearchTest {
    @Test
    void findsAnyWordWhateverItsCase() {
        TextSearch search = TextSearch.anyOf("curl", "wget", "invoke-webrequest");
        assertThat(search.foundIn("run: CURL -fsSL x | sh")).isTrue();
        assertThat(search.foundIn("Invoke-WebRequest https://x")).isTrue();
        assertThat(search.foundIn("echo wGeT")).isTrue();
        assertThat(search.foundIn("cur l; wge; invoke-web")).isFalse();
        assertThat(search.foundIn("")).isFalse();
        assertThat(search.foundIn("ends with cur")).isFalse();
        assertThat(search.foundIn("é ü 日本 curl")).isTrue();
    }

    @Test
    void agreesWithALowerCaseCopyOnRandomText() {
        agreesWithALowerCaseCopy(List.of("gh run download", "github_", "-o", "iex"), "ghGH _-oOiIeExXrundwlaGITHUB\n",
                30, 20261122);
    }

    @Test
    void agreesWithALowerCaseCopyForWordsSharingFirstLettersAndWordsOfOneLetter() {
        agreesWithALowerCaseCopy(List.of("az", "aws", "kubectl", "k", "npm", "n\u00e9", "docker", "do"),
                "aAzZwWsSkKuUbBnNpPmMdDoOcCeErR \n\u00e9\u00c9-", 12, 20261205);
    }

    /** Random texts over {@code alphabet}, each up to {@code maxLength} long, searched both ways. */
    private static void agreesWithALowerCaseCopy(List<String> words, String alphabet, int maxLength, long seed) {
        TextSearch search = TextSearch.anyOf(words.toArray(String[]::new));
        Random random = new Random(seed);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(maxLength);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String lower = text.toString().toLowerCase(Locale.ROOT);
            boolean expected = words.stream().anyMatch(lower::contains);
            assertThat(search.foundIn(text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void refusesWordsThatDoNotStartWithAnAsciiCharacter() {
        assertThatThrownBy(() -> TextSearch.anyOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextSearch.anyOf("éa")).isInstanceOf(IllegalArgumentException.class);
    }
}
