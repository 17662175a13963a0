package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * Reading a step for the folder names it can hold finds exactly the folders {@link Folders#touches} finds, among
     * many: names with dots, deep paths, names inside other names, names with other characters, and the ways steps
     * name a folder (scripts, inputs, working directories, local actions).
     */
    @Test
    void theFoldersAStepTouchesAmongManyAreThoseTouchesFinds(@TempDir Path root) throws Exception {
        Set<String> folders = Set.of("pr", "pr2", "p", "base/repo", "base", "repo", "pr.v2", ".hidden", "a/b/c/d",
                "my folder", "tools/pr", "out", "c1", "c10", "x-pr");
        String workflow = """
                on: pull_request_target
                jobs:
                  j:
                    runs-on: ubuntu-latest
                    steps:
                      - run: cd pr && npm ci
                      - run: ./pr.v2/build.sh; cat p/x.txt
                      - run: make -C base/repo test
                      - run: python "$GITHUB_WORKSPACE/a/b/c/d/run.py"
                      - run: cd "my folder" && make
                      - run: node tools/pr/x.js --dir=c10
                      - run: echo x-pr pr2x c1.zip
                      - working-directory: base/repo/sub
                        run: make
                      - working-directory: ${{ matrix.dir }}
                        run: make
                      - uses: ./tools/pr/action
                      - uses: some/action@v1
                        with:
                          path: .hidden/cache
                          files: |
                            out.tar
                            c1/report.xml
                      - run: cd pr2
                      - uses: some/action@v1
                        with:
                          target: repo
                """;
        var inventory = WorkflowFiles.read(root, "", Map.of("w.yml", workflow));
        Job job = inventory.workflows().get(0).jobs().get(0);
        Folders.FolderSet set = Folders.FolderSet.of(folders);
        int touchedSomewhere = 0;
        for (Step step : job.steps()) {
            Set<String> expected = folders.stream().filter(f -> Folders.touches(job, step, f))
                    .collect(Collectors.toSet());
            assertThat(new HashSet<>(Folders.touchedAmong(job, step, set))).as(step.label()).isEqualTo(expected);
            touchedSomewhere += expected.size();
        }
        assertThat(touchedSomewhere).as("the steps name folders in many ways").isGreaterThan(15);
        assertThat(Folders.touchedAmong(job, job.steps().get(0), Folders.FolderSet.of(Set.of()))).isEmpty();
        assertThat(Folders.touchedAmong(job, job.steps().get(0), Folders.FolderSet.of(Set.of("pr", "out"))))
                .containsExactly("pr");
    }
}
