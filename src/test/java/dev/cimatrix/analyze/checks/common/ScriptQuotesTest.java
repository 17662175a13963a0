package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.checks.common.ScriptQuotes.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptQuotesTest {
    /** The context at the first "${{ x }}" of the script, marked as X to keep the cases short. */
    private static Context posix(String script) {
        String s = script.replace("X", "${{ x }}");
        return ScriptQuotes.posix(s, s.indexOf("${{ x }}")).context();
    }

    private static Context powershell(String script) {
        String s = script.replace("X", "${{ x }}");
        return ScriptQuotes.powershell(s, s.indexOf("${{ x }}")).context();
    }

    private static ScriptQuotes.At javascript(String script) {
        String s = script.replace("X", "${{ x }}");
        return ScriptQuotes.javascript(s, s.indexOf("${{ x }}"));
    }

    @Test
    void posixQuotes() {
        assertThat(posix("echo X")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("echo --title=X")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("echo \"a X b\"")).isEqualTo(Context.DOUBLE);
        assertThat(posix("echo 'a X b'")).isEqualTo(Context.SINGLE);
        assertThat(posix("echo \"it's\" 'a' X")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("echo \\' X")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("echo \"\\\"X\"")).isEqualTo(Context.DOUBLE);
        // Quotes inside an earlier expression are GitHub's, not the shell's.
        assertThat(posix("echo ${{ a || 'b' }} 'X'")).isEqualTo(Context.SINGLE);
        assertThat(posix("echo '${{ a || 'b' }} X'")).isEqualTo(Context.SINGLE);
    }

    @Test
    void posixSubstitutionsAndHereDocuments() {
        assertThat(posix("out=\"$(printf '%s' \"X\")\"")).isEqualTo(Context.DOUBLE);
        assertThat(posix("out=\"$(printf '%s' X)\"")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("out=\"$(printf 'X')\"")).isEqualTo(Context.SINGLE);
        assertThat(posix("out=`echo X`")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("x=$((1 + 2)) && echo \"X\"")).isEqualTo(Context.DOUBLE);
        assertThat(posix("cat <<EOF\nline X\nEOF\n")).isEqualTo(Context.DOUBLE);
        assertThat(posix("cat <<-EOF\n\tline X\n\tEOF\n")).isEqualTo(Context.DOUBLE);
        assertThat(posix("cat <<'EOF'\nline X\nEOF\n")).isEqualTo(Context.UNKNOWN);
        assertThat(posix("cat <<\"EOF\"\nline X\nEOF\n")).isEqualTo(Context.UNKNOWN);
        assertThat(posix("cat <<'EOF'\nit's\nEOF\necho 'X'")).isEqualTo(Context.SINGLE);
        assertThat(posix("grep . <<< 'X'")).isEqualTo(Context.SINGLE);
        assertThat(posix("echo $'a\\'X'")).isEqualTo(Context.UNKNOWN);
    }

    @Test
    void posixCommandPositions() {
        assertThat(posix("X")).isEqualTo(Context.COMMAND);
        assertThat(posix("set -e\n  X --flag")).isEqualTo(Context.COMMAND);
        assertThat(posix("true && X")).isEqualTo(Context.COMMAND);
        assertThat(posix("if true; then X; fi")).isEqualTo(Context.COMMAND);
        assertThat(posix("a | X")).isEqualTo(Context.COMMAND);
        assertThat(posix("NAME=X")).isEqualTo(Context.UNQUOTED);
        assertThat(posix("# a comment X")).isEqualTo(Context.DOUBLE);
        assertThat(posix("echo 'unclosed X")).isEqualTo(Context.UNKNOWN);
    }

    /** The command a word stands in starts after the last separator, inside a substitution at its opening. */
    @Test
    void posixCommandStarts() {
        String s = "a=1; eval \"x $(sh -c 'y') $Z\" | tee f\ncat <<EOF | bash\necho $W\nEOF\nls";
        assertThat(ScriptQuotes.posix(s, s.indexOf("$Z")).command()).isEqualTo(s.indexOf("eval") - 1);
        assertThat(ScriptQuotes.posix(s, s.indexOf("-c")).command()).isEqualTo(s.indexOf("sh -c"));
        assertThat(ScriptQuotes.posix(s, s.indexOf("tee")).command()).isEqualTo(s.indexOf("| tee") + 1);
        ScriptQuotes.At body = ScriptQuotes.posix(s, s.indexOf("$W"));
        assertThat(body.heredoc()).isTrue();
        assertThat(body.command()).isEqualTo(s.indexOf("cat"));
        assertThat(ScriptQuotes.posix(s, s.indexOf("ls")).command()).isEqualTo(s.indexOf("ls"));
    }

    /** A walk asked for offsets in order answers each as a reading from the start would. */
    @Test
    void aWalkAnswersAsSingleReadingsDo() {
        for (String s : new String[] {
                "a=1; eval \"x $(sh -c 'y') $Z\" | tee f\ncat <<EOF | bash\necho $W\nEOF\nls",
                "echo 'a \"b' \"c 'd\" `e` $'f\\'g' \\\" # h\npython3 - <<'Q'\n$x\nQ\n",
                "if [ \"$(a \"$(b)\")\" ]; then ( c; d ) && e || f; fi"}) {
            ScriptQuotes.PosixWalk walk = new ScriptQuotes.PosixWalk(s);
            for (int offset = 0; offset <= s.length(); offset++) {
                assertThat(walk.at(offset)).as("%s at %d", s, offset).isEqualTo(ScriptQuotes.posix(s, offset));
            }
        }
    }

    @Test
    void powershellQuotes() {
        assertThat(powershell("Write-Output X")).isEqualTo(Context.UNQUOTED);
        assertThat(powershell("Write-Output \"a X\"")).isEqualTo(Context.DOUBLE);
        assertThat(powershell("Write-Output 'a X'")).isEqualTo(Context.SINGLE);
        assertThat(powershell("Write-Output 'it''s' X")).isEqualTo(Context.UNQUOTED);
        assertThat(powershell("Write-Output \"`\"X\"")).isEqualTo(Context.DOUBLE);
        assertThat(powershell("$a = @\"\nline X\n\"@")).isEqualTo(Context.DOUBLE);
        assertThat(powershell("$a = @'\nline X\n'@")).isEqualTo(Context.UNKNOWN);
        assertThat(powershell("Write-Output \"$(Get-Date) X\"")).isEqualTo(Context.UNKNOWN);
        assertThat(powershell("X")).isEqualTo(Context.COMMAND);
        assertThat(powershell("<# note 'it #> Write-Output 'X'")).isEqualTo(Context.SINGLE);
    }

    @Test
    void javascriptStringsTemplatesAndCode() {
        String whole = "const t = 'X';";
        ScriptQuotes.At at = javascript(whole);
        assertThat(at.context()).isEqualTo(Context.SINGLE);
        assertThat(at.open()).isEqualTo(whole.replace("X", "${{ x }}").indexOf('\''));
        assertThat(javascript("const t = \"a X\";").context()).isEqualTo(Context.DOUBLE);
        assertThat(javascript("log(`head X`)").context()).isEqualTo(Context.TEMPLATE);
        assertThat(javascript("log(`a ${b} X`)").context()).isEqualTo(Context.TEMPLATE);
        assertThat(javascript("log(`a ${ `X` }`)").context()).isEqualTo(Context.UNKNOWN);
        assertThat(javascript("const n = X;").context()).isEqualTo(Context.UNQUOTED);
        assertThat(javascript("// it's\nconst t = 'X';").context()).isEqualTo(Context.SINGLE);
        assertThat(javascript("/* \" */ const t = 'X';").context()).isEqualTo(Context.SINGLE);
        assertThat(javascript("const r = /'/; const t = 'X';").context()).isEqualTo(Context.SINGLE);
        assertThat(javascript("const r = a / b; const t = \"X\";").context()).isEqualTo(Context.DOUBLE);
        assertThat(javascript("if (a) { b('c'); } const t = `X`;").context()).isEqualTo(Context.TEMPLATE);
        // A brace that closes nothing: the quoting cannot be followed (it was once read as a template's text).
        assertThat(javascript("const a = b }}'; log(`X`)").context()).isEqualTo(Context.UNKNOWN);
        assertThat(javascript("} `a` log(`X`)").context()).isEqualTo(Context.UNKNOWN);
        assertThat(javascript("const t = 'unclosed X").context()).isEqualTo(Context.UNKNOWN);
    }
}
