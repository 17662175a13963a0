package dev.cimatrix.analyze.github;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    @Test
    void anythingElseMayRunTheTree() {
        assertThat(RepoExecutors.runsNothingFromTree("git diff && ./fix.sh")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("FOO=1 make")).as("the command after an assignment").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("X=$(./version.sh)")).as("a substitution").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("echo `node -v`")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("$TOOL --check")).as("a variable as the command").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("cat list | xargs rm")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("sudo git status")).isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("cat <<EOF\nhello world\nEOF")).as("a heredoc line").isFalse();
        assertThat(RepoExecutors.runsNothingFromTree("# only a comment\n")).as("nothing at all").isFalse();
    }
}
