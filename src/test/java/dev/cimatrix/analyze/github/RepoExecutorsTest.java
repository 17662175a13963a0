package dev.cimatrix.analyze.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RepoExecutorsTest {
    @Test
    void scriptsOfGitGhAndShellWordsRunNothingFromTheTree() {
        assertThat(RepoExecutors.runsNothingFromTree("git status")).isTrue();
        assertThat(RepoExecutors.runsNothingFromTree("""
                # commit what the formatter changed
                set -ex
                N=$(git status --porcelain | tee /tmp/m.log | wc -l)
                echo "n=${N}" >> "$GITHUB_OUTPUT"
                if [ "$N" != "0" ]; then git add -A && git commit -m fix; fi
                GIT_AUTHOR_NAME=bot git push
                gh pr comment 1 --body done
                """)).isTrue();
        // A here-document is the text a command reads, not commands.
        assertThat(RepoExecutors.runsNothingFromTree("""
                cat <<'EOF' > body.md
                make sure ./build.sh runs
                EOF
                cat <<-EOF >> body.md
                	See ${URL} for details
                	EOF
                gh pr comment "$PR" --body-file body.md
                gh pr view "$PR" --json files | jq -r '.files[].path' | sort | comm -12 - owners.txt
                """)).isTrue();
    }

    /** pip reads no file of the working folder when it installs packages it names from an index. */
    @Test
    void pipInstallingNamedPackagesRunsNothingFromTheTree() {
        for (String named : new String[] {"pip install contentctl>=4.0.0", "pip3 install -U --user black==24.1.0 ruff",
                "python -m pip install --upgrade pip", "python3 -m pip install uv[extra]>=0.4,<1 --no-cache-dir",
                "pip list", "pip --version && git diff"}) {
            assertThat(RepoExecutors.runsNothingFromTree(named)).as(named).isTrue();
        }
        for (String tree : new String[] {"pip install -r requirements.txt", "pip install -e .", "pip install .",
                "pip install ./tools", "pip install --requirement=dev.txt", "pip install dist/x.whl",
                "pip install -c constraints.txt flask", "pip install", "python -m pip wheel .", "python build.py",
                "pip install --index-url http://x flask", "uv pip install flask"}) {
            assertThat(RepoExecutors.runsNothingFromTree(tree)).as(tree).isFalse();
        }
    }

    /** The system's package managers install what they name from the system's repositories; sudo runs what follows. */
    @Test
    void systemPackagesNamedAndCommandsRunBySudoOrXargsAreJudgedByWhatTheyRun() {
        for (String inert : new String[] {"sudo apt-get update && sudo apt-get install -y optipng libssl-dev=3.0.2*",
                "sudo -E apt install -y jq", "brew install --cask temurin gcc@13", "apk add --no-cache git",
                "sudo git status"}) {
            assertThat(RepoExecutors.runsNothingFromTree(inert)).as(inert).isTrue();
        }
        for (String tree : new String[] {"sudo apt install ./pkg.deb", "sudo make install", "apt-get install -y $PKGS",
                "dpkg -i x.deb", "yum localinstall x.rpm", "git ls-files | xargs optipng", "git ls-files | xargs rm",
                "sudo -u runner ./build.sh", "sudo", "brew bundle"}) {
            assertThat(RepoExecutors.runsNothingFromTree(tree)).as(tree).isFalse();
        }
    }

    /** Thousands of here-documents that never end, each with its own delimiter, are read in one pass. */
    @Test
    void manyUnendedHereDocumentsStayFast() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            script.append("cat <<D").append(i).append(" $(x)\n");
        }
        long started = System.nanoTime();
        assertThat(RepoExecutors.runsNothingFromTree(script.toString())).isFalse();
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void continuedLinesProcessSubstitutionsAndQuotedAssignments() {
        assertThat(RepoExecutors.runsNothingFromTree("""
                REMOVE=$(comm -23 <(gh pr view 1 --json labels --jq '.labels[].name' | ( grep -E '^run' || true ) | sort) \\
                  <(gh pr view 2 --json labels --jq '.labels[].name' | sort) |\\
                  paste -sd , -)
                ADD_CMD=
                [ -z "${ADD}" ] || ADD_CMD="--add-label ${ADD}"
                gh pr edit 2 ${ADD_CMD}
                """)).isTrue();
        assertThat(RepoExecutors.runsNothingFromTree("diff <(./gen.sh) expected.txt")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("MSG=\"a b\" ./notify")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("git status \\\n  && make")).isFalse();
    }

    @Test
    void aHereDocumentThatSubstitutesACommandRunsIt() {
        assertThat(RepoExecutors.runsNothingFromTree("cat <<EOF > version.txt\n$(./version.sh)\nEOF\n")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("cat <<EOF > version.txt\n`node -v`\nEOF\n")).isFalse();
        // Quoted, nothing in it is expanded.
        assertThat(RepoExecutors.runsNothingFromTree("cat <<'EOF' > notes.txt\n$(./version.sh)\nEOF\n")).isTrue();
        // The command that reads it is judged as any other.
        assertThat(RepoExecutors.runsNothingFromTree("bash <<'EOF'\necho hi\nEOF\n")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("cat <<EOF\nno end\n")).as("unterminated").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("grep x <<< \"$TEXT\"")).as("a here-string").isTrue();
        // A multi-line output's delimiter in quotes starts no here-document: what follows still runs.
        assertThat(RepoExecutors.runsNothingFromTree("echo 'out<<EOF' >> $GITHUB_OUTPUT\n./gen.sh\nEOF\n")).isFalse();
    }

    @Test
    void anythingElseMayRunTheTree() {
        assertThat(RepoExecutors.runsNothingFromTree("git diff && ./fix.sh")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("FOO=1 make")).as("the command after an assignment").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("X=$(./version.sh)")).as("a substitution").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("echo `node -v`")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("$TOOL --check")).as("a variable as the command").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("cat list | xargs rm")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("sudo ./install.sh")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("# only a comment\n")).as("nothing at all").isFalse();
    }

    @Test
    void quotedTextIsNoCommand() {
        assertThat(RepoExecutors.quotedTextBlanked("echo \"a; make\" 'b | npm' && ls"))
                .isEqualTo("echo \"_______\" '_______' && ls");
        // A substitution inside double quotes runs, and is kept; one inside single quotes does not.
        assertThat(RepoExecutors.quotedTextBlanked("echo \"x $(make a) `npm b` y\" '$(c)'"))
                .isEqualTo("echo \"__$(make a)_`npm b`__\" '____'");
        // A string that does not close on its line (an apostrophe in a comment) is left as it is.
        assertThat(RepoExecutors.quotedTextBlanked("make # don't\necho 'hi'"))
                .isEqualTo("make # don't\necho '__'");
        assertThat(RepoExecutors.runsNothingFromTree("echo \"skipped; nothing to do (no files)\"")).isTrue();
        assertThat(RepoExecutors.runsNothingFromTree("echo \"$(make version)\"")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("echo 'a' ; make")).isFalse();
        // An expression's text is replaced before the shell runs: its || and words are no commands.
        assertThat(RepoExecutors.runsNothingFromTree("N=${{ github.event.issue.number || github.event.pull_request.number }}\n"
                + "git checkout -b \"pr-$N\"")).isTrue();
        assertThat(RepoExecutors.runsNothingFromTree("${{ inputs.command }}")).isFalse();
        // An expression that never closes blanks nothing; a substitution that never closes ends the search, once.
        assertThat(RepoExecutors.runsNothingFromTree("echo ${{ x\nmake")).isFalse();
        String unclosed = "\"$(".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RepoExecutors.quotedTextBlanked(unclosed));
        String backticks = "\"`".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RepoExecutors.quotedTextBlanked(backticks));
        // A string given to -c or eval is a script: its commands count.
        assertThat(RepoExecutors.runsNothingFromTree("bash -c 'cd x; make'")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("eval \"echo; npm test\"")).isFalse();
        assertThat(RepoExecutors.quotedTextBlanked("sh -c \"a; b\" \"c; d\"")).isEqualTo("sh -c \"a; b\" \"____\"");
    }

    /**
     * The shell's own constructs around inert commands are inert: a function the script defines and calls, a trap
     * whose handler is such commands, && inside a [[ ]] test, and a message in double quotes over several lines.
     */
    @Test
    void functionsTrapsTestsAndLongMessagesAreJudgedByWhatTheyRun() {
        assertThat(RepoExecutors.runsNothingFromTree("""
                post_status() {
                  gh pr comment "$PR" --body "$1"
                }
                function note { echo "$1"; }
                trap 'code=$?; if [[ $code -ne 0 && $REPORTED -eq 0 ]]; then
                  post_status "failed (see the log)" || true
                fi' EXIT
                trap note ERR
                if [[ -n "$LIST" || -z "$OTHER" ]]; then
                  post_status "Refusing to push:
                \\`\\`\\`
                ${LIST}
                \\`\\`\\`
                See [the run]($RUN_URL)."
                  exit 1
                fi
                nvidia-smi
                """)).isTrue();
        // What a function or a handler runs counts where it is written.
        assertThat(RepoExecutors.runsNothingFromTree("build() {\n  make all\n}\nbuild")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("trap 'make clean' EXIT\ngit status")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("trap \"npm test\" EXIT")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("trap ./cleanup.sh EXIT")).as("a handler that is no function")
                .isFalse();
        // A substitution inside a test runs; what follows && outside one is a command.
        assertThat(RepoExecutors.runsNothingFromTree("if [[ -n \"$(./probe.sh)\" ]]; then echo y; fi")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("[[ -f x ]] && ./x")).isFalse();
        // A double quote left open blanks nothing, however long the rest, and stays fast.
        assertThat(RepoExecutors.runsNothingFromTree("echo \"unclosed\nmake")).isFalse();
        String open = "echo \"x\n" + "echo y\n".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RepoExecutors.runsNothingFromTree(open));
        // Handlers that never close and tests that never end are read once, not once per start.
        String traps = "trap 'echo x\n".repeat(100_000) + "trap \"echo y\n".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RepoExecutors.runsNothingFromTree(traps));
        String tests = "[[ -n $A && ".repeat(200_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> RepoExecutors.runsNothingFromTree(tests));
        assertThat(RepoExecutors.runsNothingFromTree("trap 'rm -f x' EXIT; trap 'make' ERR")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("trap 'rm -f x' EXIT INT; echo done")).isTrue();
    }
}
