package dev.cimatrix.analyze.expr;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {
    private static final ObjectMapper DATABIND = JsonMapper.builder().build();

    /** What Jackson's data binding reads, in the evaluator's values, or "error". */
    private static String expected(String text) {
        try {
            return String.valueOf(Values.normalise(DATABIND.readValue(text, Object.class)));
        } catch (RuntimeException e) {
            return "error";
        }
    }

    private static String actual(String text) {
        try {
            return String.valueOf(JsonText.parse(text));
        } catch (EvaluationException e) {
            return "error";
        }
    }

    @Test
    void readsAsDataBindingDoesOnKnownCases() {
        String[] cases = {"{\"a\":1,\"b\":3,\"a\":2}", "123456789012345678901234567890", "1.5e3", "\"x\"", " true ",
                "{\"a\":[1,{\"b\":null}]}", "-0", "1e400", "9007199254740993", "\"\\u00e9\\n\"", "[true,false,null]",
                "{\"a\":1} x", "[1,2] [3]", "1 2", "[1,]", "{'a':1}", "NaN", "01", "{\"a\":"};
        for (String text : cases) {
            assertThat(actual(text)).as(text).isEqualTo(expected(text));
        }
    }

    @Test
    void readsAsDataBindingDoesOnRandomText() {
        Random random = new Random(20261205);
        String[] pieces = {"{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "1", "-2.5", "1e3", "true", "null", " ", "x",
                "\"\\n\"", "0", "01"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(10);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String json = text.toString();
            if (!json.isBlank()) {
                assertThat(actual(json)).as(json).isEqualTo(expected(json));
            }
        }
    }

    @Test
    void printsStringsThatReadBackUnchanged() {
        String[] cases = {"plain", "say \"hi\"", "back\\slash", "tab\tnew\nline\r", "\u0001\u001f\b\f", "é ü 漢字 😀",
                "</script>"};
        for (String text : cases) {
            String printed = JsonText.print(text);
            assertThat(printed).as(text).doesNotContain("\n", "\t", "\u0001").startsWith("\"").endsWith("\"");
            assertThat(JsonText.parse(printed)).as(printed).isEqualTo(text);
        }
        assertThat(JsonText.print("a\u0001")).isEqualToIgnoringCase("\"a\\u0001\"");
    }
}
