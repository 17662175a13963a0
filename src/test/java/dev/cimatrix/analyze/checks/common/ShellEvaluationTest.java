package dev.cimatrix.analyze.checks.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each script has one {@code $X}; the question is whether its value is read again as code there. */
class ShellEvaluationTest {
    private static Optional<String> of(String script) {
        return ShellEvaluation.at(script, script.indexOf("$X"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eval \"echo $X\"                              | eval",
            "eval echo $X                                  | eval",
            "set -e; eval \"$X\"                           | eval",
            "if true; then eval \"$X\"; fi                 | eval",
            "sh -c \"make $X\"                             | sh -c",
            "bash -ec \"make $X\"                          | bash -ec",
            "docker run img sh -c \"make $X\"              | sh -c",
            "python3 -c \"print('$X')\"                    | python3 -c",
            "python -u -c \"import os; print('$X')\"       | python -u -c",
            "node -e \"console.log('$X')\"                 | node -e",
            "ruby -e \"puts '$X'\"                         | ruby -e",
            "perl -pi -e \"s/a/$X/\" file                  | perl -pi -e",
            "php -r \"echo '$X';\"                         | php -r",
            "pwsh -Command \"Write-Host '$X'\"             | pwsh -Command",
            "ssh deploy@host \"deploy $X\"                 | ssh",
            "ssh -i key deploy@host deploy $X              | ssh",
            "echo $(sh -c \"echo $X\")                     | sh -c",
            "$X --version                                  | the command name",
    })
    void readAgainAsCode(String script, String by) {
        assertThat(of(script.strip())).as(script).contains(by.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "echo \"$X\"",
            "echo $X",
            "git tag \"release-$X\"",
            "sh -c 'echo \"$X\"'",
            "sh -c 'echo \"$1\"' _ \"$X\"",
            "python3 -c 'import os; print(os.environ[\"X\"])' \"$X\"",
            "python3 script.py -c \"$X\"",
            "echo \"eval $X\"",
            "echo eval; echo \"$X\"",
            "eval \"$(ssh-agent -s)\"; echo \"$X\"",
            "# eval $X",
            "curl -d \"$X\" https://example.com",
            "echo 'it says $X here'",
    })
    void readAsData(String script) {
        assertThat(of(script)).as(script).isEmpty();
    }

    @Test
    void hereDocumentsAnInterpreterRuns() {
        Map<String, String> scripts = Map.of(
                "python3 - <<EOF\nprint(\"\"\"$X\"\"\")\nEOF\n", "python3",
                "cat <<EOF | bash\necho $X\nEOF\n", "bash",
                "bash -s <<-EOF\n\techo $X\n\tEOF\n", "bash");
        scripts.forEach((script, interpreter) -> assertThat(of(script)).as(script)
                .contains("a here-document that " + interpreter + " runs as its program"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cat > notes.txt <<EOF\n$X\nEOF\n",
            "python3 - <<'EOF'\nprint('$X')\nEOF\n",
            "python3 report.py <<EOF\n$X\nEOF\n",
            "kubectl apply -f - <<EOF\nname: $X\nEOF\n",
    })
    void hereDocumentsOfData(String script) {
        assertThat(of(script)).as(script).isEmpty();
    }
}
