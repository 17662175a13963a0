package dev.cimatrix.analyze.github;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FoldersTest {
    @Test
    void aPathNamesAFolderOfTheWorkspaceOnlyWhenWrittenOutInside() {
        assertThat(Folders.subfolder("./pr/")).contains("pr");
        assertThat(Folders.subfolder("base/repo")).contains("base/repo");
        for (String notOne : new String[] {".", "./", "", "/tmp/x", "~/x", "../up", "a/../../b", "${{ runner.temp }}/x",
                "$HOME/x", "a\nb", "dist/*"}) {
            assertThat(Folders.subfolder(notOne)).as(notOne).isEqualTo(Optional.empty());
        }
        assertThat(Folders.subfolder(null)).isEmpty();
    }

    @Test
    void aScriptRunsFromAFolderWhenItGoesThereOrRunsSomethingUnderIt() {
        for (String runs : new String[] {"cd pr && npm ci", "pushd pr", "./pr/build.sh", "pr/gradlew build",
                "bash pr/ci/test.sh", "python3 -u pr/setup.py", "make -C pr", "npm --prefix pr install",
                "cd \"$GITHUB_WORKSPACE/pr\"", "X=1 pr/run", "echo start; cd pr", "uv run --directory=pr pytest"}) {
            assertThat(Folders.runsFrom(runs, "pr")).as(runs).isTrue();
        }
        for (String data : new String[] {"python .github/scripts/report.py pr/out.json", "gh pr view 1",
                "ls -A pr", "[ -d pr ] || exit 0", "node tools/compare.js --base base --head pr", "cat pr/version.txt",
                "cd project && make", "git -C pr diff --stat", "GITHUBGEN_ARGS=\"-folder=pr\" make generate"}) {
            assertThat(Folders.runsFrom(data, "pr")).as(data).isFalse();
        }
    }

    @Test
    void interpretersGivenScriptsFromElsewhereRunNothingOfTheTree() {
        assertThat(Folders.runsOnlyScriptsOutside("python ../tools/scripts/unpack.py ../test-assets", "repo", "repo")).isTrue();
        assertThat(Folders.runsOnlyScriptsOutside("node base/scripts/compare.js pr/out.json && echo done", null, "pr"))
                .isTrue();
        assertThat(Folders.runsOnlyScriptsOutside("python3 /opt/tools/report.py", null, null)).isTrue();
        assertThat(Folders.runsOnlyScriptsOutside("ruby ../../x.rb", "a", null)).isTrue();
        for (String runsTree : new String[] {"python setup.py install", "python -m pytest", "python -c 'import x'",
                "node pr/index.js", "python ../tools/x.py && npm test", "python \"$SCRIPT\"", "python", "cat x"}) {
            assertThat(Folders.runsOnlyScriptsOutside(runsTree, null, null))
                    .as(runsTree).isFalse();
        }
        assertThat(Folders.runsOnlyScriptsOutside("node pr/index.js", null, "pr")).isFalse();
        assertThat(Folders.runsOnlyScriptsOutside("python ../x.py", "pr/sub", "pr")).isFalse();
        // Comment lines and quoted text hold no commands, whatever separators they contain.
        String guarded = """
                # Without artifacts (the job was skipped; nothing ran) there is nothing to post.
                if [ ! -d out ] || [ -z "$(ls -A out)" ]; then
                  echo "No results (skipped); nothing to comment."
                  exit 0
                fi
                python .github/scripts/comment.py \\
                  --root out
                """;
        assertThat(Folders.runsOnlyScriptsOutside(guarded, null, "out")).isTrue();
        assertThat(Folders.runsOnlyScriptsOutside(guarded.replace("# Without", "make; # Without"), null, "out")).isFalse();
    }
}
