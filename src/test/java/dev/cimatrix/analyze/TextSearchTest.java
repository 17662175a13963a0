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
        List<String> words = List.of("gh run download", "github_", "-o", "iex");
        TextSearch search = TextSearch.anyOf(words.toArray(String[]::new));
        Random random = new Random(20261122);
        String alphabet = "ghGH _-oOiIeExXrundwlaGITHUB\n";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String lower = text.toString().toLowerCase(Locale.ROOT);
            boolean expected = words.stream().anyMatch(lower::contains);
            assertThat(search.foundIn(text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithALowerCaseCopyForWordsSharingFirstLettersAndWordsOfOneLetter() {
        List<String> words = List.of("az", "aws", "kubectl", "k", "npm", "né", "docker", "do");
        TextSearch search = TextSearch.anyOf(words.toArray(String[]::new));
        Random random = new Random(20261205);
        String alphabet = "aAzZwWsSkKuUbBnNpPmMdDoOcCeErR \néÉ-";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
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
