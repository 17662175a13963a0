package dev.cimatrix.analyze.github;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellTextTest {
    @Test
    void theLastCommandOfALineStartsAfterItsLastSeparatorOutsideQuotesAndSubstitutions() {
        assertThat(start("cd x && echo a")).isEqualTo("echo a");
        assertThat(start("if gh pr view \"$B\" --json number ")).isEqualTo("gh pr view \"$B\" --json number ");
        assertThat(start("while ! read -r line ")).isEqualTo("read -r line ");
        assertThat(start("if [ -n \"$A\" ]; then echo \"A=$A\"")).isEqualTo("echo \"A=$A\"");
        assertThat(start("echo \"A=$(x | y; z)\"")).isEqualTo("echo \"A=$(x | y; z)\"");
        assertThat(start("echo 'a;b' | tee")).isEqualTo("tee");
        assertThat(start("echo \"a|b\\\"c;\"")).isEqualTo("echo \"a|b\\\"c;\"");
        // A line that ends inside a quote or a substitution cannot be read.
        assertThat(ShellText.lastCommandStart("echo \"open")).isEqualTo(-1);
        assertThat(ShellText.lastCommandStart("echo $(open")).isEqualTo(-1);
    }

    @Test
    void aPipelineIsReadFromItsFirstCommand() {
        assertThat(pipeline("cd app && echo \"$KEY\" | base64 -d")).isEqualTo("echo \"$KEY\" | base64 -d");
        assertThat(pipeline("false || echo \"a|b;c\" | tee")).isEqualTo("echo \"a|b;c\" | tee");
        assertThat(pipeline("if true; then echo x | tee")).isEqualTo("echo x | tee");
        assertThat(ShellText.lastPipelineStart("echo \"open")).isEqualTo(-1);
    }

    private static String pipeline(String line) {
        return line.substring(ShellText.lastPipelineStart(line));
    }

    private static String start(String line) {
        return line.substring(ShellText.lastCommandStart(line));
    }

    @Test
    void substitutionsAreFoundWholeWithWhatTheyRun() {
        var found = ShellText.substitutions("A=$(echo \"$(date)\" | tr -d ')')x$((1 + 2))");
        assertThat(found).extracting(ShellText.Substitution::body)
                .containsExactly("echo \"$(date)\" | tr -d ')'", "(1 + 2)");
        assertThat(found).extracting(ShellText.Substitution::arithmetic).containsExactly(false, true);
        assertThat(ShellText.withoutSubstitutions("a$(b)c", ShellText.substitutions("a$(b)c"))).isEqualTo("a c");
        assertThat(ShellText.substitutions("a$(b")).isNull();
        assertThat(ShellText.substitutions("$(".repeat(10_000))).isNull();
    }

    @Test
    void aPipelineSplitsAtSinglePipesOutsideQuotesAndParentheses() {
        assertThat(ShellText.pipeline("a | b '|' || c | $(d | e)"))
                .containsExactly("a ", " b '|' || c ", " $(d | e)");
    }

    @Test
    void oneLineOutputComesFromACommandThatRemovesOrCountsLinesWithNothingAfterItThatAddsThem() {
        for (String one : List.of("echo \"$T\" | tr '\\n' ' '", "echo \"$T\" | tr -d '\\r\\n'", "x | tr -d '[:space:]'",
                "x | head -n 1", "x | head -1 | cut -d' ' -f2", "x | head -n1 | tr -d '# '", "x | wc -l", "x | paste -sd, -", "x | paste -d ' ' -s",
                "x | tr -s '\\n' ' ' | grep -v foo", "x | head -n1 | sed 's/^v\\([0-9]*\\).*$/\\1/'", "git merge-base \"$A\" origin/main", "(1 + 2)")) {
            assertThat(ShellText.printsOneLine(substitution(one))).as(one).isTrue();
        }
        for (String many : List.of("echo \"$T\"", "x | tr ' ' '\\n'", "x | tr -d ' '", "x | tr -cd 'a-z\\n'",
                "x | head -n 1 | sed 's/a/\\n/'", "x | head -n 2", "x | tr '\\n' ' ' | tr ' ' '\\n'", "x | xargs", "x | paste -d, a b", "git merge-base --all a b", "git merge-base a")) {
            assertThat(ShellText.printsOneLine(substitution(many))).as(many).isFalse();
        }
    }

    @Test
    void printfOfOneLineThroughCommandsThatAddNoLineStaysOneLine() {
        for (String keeps : List.of("printf '%s' \"$A\" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//'",
                "printf \"%s\\n\" \"$A\" | cut -d' ' -f1 | sed -E 's#a#b#g'", "printf '%s' \"$A\"")) {
            var s = substitution(keeps);
            assertThat(ShellText.keepsOneLine(s)).as(keeps).isTrue();
            assertThat(ShellText.printedText(s, false)).as(keeps).hasValueSatisfying(t -> assertThat(t).startsWith("\"$A\""));
        }
        for (String adds : List.of("printf '%s' \"$A\" | sed 's/ /\\n/g'", "printf '%s' \"$A\" | sed 'a\\x'",
                "printf '%s' \"$A\" | awk '{print $1; print $2}'", "printf '%s' \"$A\" | xargs -n1")) {
            assertThat(ShellText.keepsOneLine(substitution(adds))).as(adds).isFalse();
        }
        // echo is read under bash only: the sh of some systems turns a \n in its text into a line break.
        assertThat(ShellText.printedText(substitution("echo \"$A\" | cut -c1-9"), false)).isEmpty();
        assertThat(ShellText.printedText(substitution("echo \"$A\" | cut -c1-9"), true)).contains("\"$A\"");
        assertThat(ShellText.printedText(substitution("echo -e \"$A\" | cut -c1-9"), true)).isEmpty();
        assertThat(ShellText.printedText(substitution("printf '%s%s' \"$A\" x"), true)).isEmpty();
    }

    private static ShellText.Substitution substitution(String body) {
        return ShellText.substitutions(body.startsWith("(") ? "$(" + body + ")" : "$(" + body + ")").get(0);
    }
}
