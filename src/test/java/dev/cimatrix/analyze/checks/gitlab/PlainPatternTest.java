package dev.cimatrix.analyze.checks.gitlab;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PlainPatternTest {
    /** Values that carry shell syntax: none may match a pattern judged plain. */
    private static final List<String> HOSTILE = List.of("a;id", "a$(id)", "a`id`", "a b", "a|id", "a&id", "a'b",
            "a\"b", "a>b", "a\nid", "a\\b", "v1;id", "v1.0;id", "main;id", "a<b", "1;2");

    @ParameterizedTest
    @ValueSource(strings = {"^v[0-9]+\\.[0-9]+\\.[0-9]+$", "^[a-z0-9-]+$", "\\A\\d+\\z", "^(main|develop)$",
            "^[A-Za-z_][A-Za-z0-9_]{0,30}$", "/^release-\\d+$/", "^v\\d+(?:\\.\\d+)?$", "^[a-z]+/[a-z]+:[0-9.]+$"})
    void plainPatternsAdmitNoShellSyntax(String regex) {
        assertThat(PlainPattern.admitsOnlyPlainText(regex)).as(regex).isTrue();
        String body = regex.startsWith("/") ? regex.substring(1, regex.length() - 1) : regex;
        Pattern compiled = Pattern.compile(body.replace("\\A", "^").replace("\\z", "$"));
        for (String value : HOSTILE) {
            assertThat(compiled.matcher(value).find()).as(regex + " against " + value).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-z]+", "^[a-z]+", "[a-z]+$", "^v\\d+.*$", "^\\S+$", "^[^;]+$", "^main|.*$",
            "^[+-=]+$", "^(?=x).*$", "^\\s*[a-z]+$", "^[a-z ]+$", "^[a-z]+\\$", "", "^$x"})
    void otherPatternsMay(String regex) {
        assertThat(PlainPattern.admitsOnlyPlainText(regex)).as(regex).isFalse();
    }
}
