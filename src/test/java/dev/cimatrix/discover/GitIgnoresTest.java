package dev.cimatrix.discover;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Folder walks leave out what git ignores, as git decides it, and say what they left out. */
class GitIgnoresTest {
    private static final String WORKFLOW = "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    private static final String ACTION = "name: a\nruns:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n";

    /** Definition files in places a .gitignore can reach in every way git matches: by name, folder, anchor, glob. */
    private static final List<String> DEFINITIONS = List.of(
            ".github/workflows/ci.yml",
            ".github/workflows/nightly.generated.yml",
            ".github/workflows/keep.generated.yml",
            "build/.github/workflows/ci.yml",
            "build/actions/setup/action.yml",
            "lib/build/action.yml",
            "lib/out/action.yml",
            "out/action.yml",
            "docs/out/action.yml",
            "actions/setup/action.yml",
            "actions/local/action.yml",
            "actions/local/keep/action.yml",
            "deep/a/b/tmp/action.yml",
            "infra/main.tf",
            "infra/scratch.tf");

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A working tree (a .git folder is what marks one) with rules at the top, in sub-folders and in info/exclude. */
    private static void tree(Path root, boolean gitFolder) throws IOException {
        for (String path : DEFINITIONS) {
            write(root, path, path.endsWith(".tf") ? "resource \"null_resource\" \"x\" {}\n"
                    : path.contains("/workflows/") ? WORKFLOW : ACTION);
        }
        write(root, ".gitignore", "# build outputs\nbuild/\n/out/\n*.generated.yml\n!keep.generated.yml\n**/tmp\n");
        write(root, "actions/.gitignore", "local/*\n!local/keep/\n");
        write(root, "infra/.gitignore", "scratch.tf\n");
        if (gitFolder) {
            write(root, ".git/info/exclude", "actions/setup/\n");
            write(root, ".git/HEAD", "ref: refs/heads/main\n");
        }
    }

    private static List<String> read(Inventory inventory) {
        return inventory.files().stream().map(SourceFile::path).toList();
    }

    @Test
    void aWorkingTreeIsSearchedAsGitSeesIt(@TempDir Path root) throws Exception {
        tree(root, true);
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(read(inventory)).containsExactly(
                ".github/workflows/ci.yml",
                ".github/workflows/keep.generated.yml",
                "actions/local/keep/action.yml",
                "docs/out/action.yml",
                "infra/main.tf",
                "lib/out/action.yml");
        // Each left-out definition is counted, those inside ignored folders too.
        assertThat(inventory.gitIgnored()).containsExactly(
                ".github/workflows/nightly.generated.yml",
                "actions/local/action.yml",
                "actions/setup/action.yml",
                "build/.github/workflows/ci.yml",
                "build/actions/setup/action.yml",
                "deep/a/b/tmp/action.yml",
                "infra/scratch.tf",
                "lib/build/action.yml",
                "out/action.yml");
        assertThat(inventory.problems()).isEmpty();
    }

    /** The same tree, judged by git itself where it is installed: the two must agree on every definition file. */
    @Test
    void agreesWithGit(@TempDir Path root) throws Exception {
        assumeTrue(gitWorks(root), "git is not installed");
        tree(root, false);
        run(root, "git", "init", "-q", ".");
        write(root, ".git/info/exclude", "actions/setup/\n");
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        List<String> gitReads = new ArrayList<>();
        for (String path : DEFINITIONS) {
            // check-ignore exits 0 for an ignored path and 1 for one git would add.
            if (run(root, "git", "check-ignore", "-q", path) == 1) {
                gitReads.add(path);
            }
        }
        assertThat(read(inventory)).containsExactlyInAnyOrderElementsOf(gitReads);
        assertThat(inventory.gitIgnored()).hasSize(DEFINITIONS.size() - gitReads.size());
    }

    @Test
    void outsideAWorkingTreeNothingIsIgnored(@TempDir Path root) throws Exception {
        tree(root, false);
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(read(inventory)).hasSize(DEFINITIONS.size());
        assertThat(inventory.gitIgnored()).isEmpty();
    }

    @Test
    void noGitignoreReadsEverything(@TempDir Path root) throws Exception {
        tree(root, true);
        Inventory inventory = new Discovery().gitignore(false).discover(root, List.of(root), null);
        assertThat(read(inventory)).hasSize(DEFINITIONS.size());
        assertThat(inventory.gitIgnored()).isEmpty();
    }

    /** An ignored folder or file the user names is what they asked for: read whole, as `git add -f` adds it. */
    @Test
    void namedTargetsAreReadWhateverGitIgnores(@TempDir Path root) throws Exception {
        tree(root, true);
        Inventory folder = new Discovery().discover(root, List.of(root.resolve("build")), null);
        assertThat(read(folder)).containsExactly("build/.github/workflows/ci.yml", "build/actions/setup/action.yml");
        Inventory file = new Discovery().discover(root, List.of(root.resolve("out/action.yml")), null);
        assertThat(read(file)).containsExactly("out/action.yml");
        // A folder below an ignored one is ignored with it in git, so naming it is naming ignored content too.
        Inventory below = new Discovery().discover(root, List.of(root.resolve("build/actions")), null);
        assertThat(read(below)).containsExactly("build/actions/setup/action.yml");
    }

    /** A scan of a sub-folder still applies the rules of the folders above it in the working tree. */
    @Test
    void rulesAboveTheScannedFolderApply(@TempDir Path root) throws Exception {
        tree(root, true);
        Inventory inventory = new Discovery().discover(root, List.of(root.resolve("actions")), null);
        assertThat(read(inventory)).containsExactly("actions/local/keep/action.yml");
        assertThat(inventory.gitIgnored()).containsExactly("actions/local/action.yml", "actions/setup/action.yml");
    }

    /** Rules files git would not use, or that are too large to use safely, are said so and not applied. */
    @Test
    void unusableRulesFilesAreReportedAndNotApplied(@TempDir Path root) throws Exception {
        tree(root, true);
        write(root, "infra/.gitignore", "scratch.tf\n" + "#".repeat((int) GitIgnores.MAX_RULES_FILE_BYTES) + "\n");
        Files.delete(root.resolve("actions/.gitignore"));
        Files.createSymbolicLink(root.resolve("actions/.gitignore"), root.resolve(".gitignore"));
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(read(inventory)).contains("infra/scratch.tf", "actions/local/action.yml");
        assertThat(inventory.problems()).extracting(p -> p.location().path() + ": " + p.message()).containsExactly(
                "actions/.gitignore: a symbolic link, which git does not follow for ignore rules, so its rules were not applied",
                "infra/.gitignore: larger than 1 MiB, so its rules were not applied");
        assertThat(inventory.problems()).noneMatch(ReadProblem::fatal);
    }

    /** Rules JGit would match by backtracking without end are left out, and said so; the others still apply. */
    @Test
    void rulesTooComplexToMatchSafelyAreLeftOut(@TempDir Path root) throws Exception {
        tree(root, true);
        Path deep = root.resolve(String.join("/", java.util.Collections.nCopies(30, "a".repeat(20))));
        write(deep, ".github/workflows/ci.yml", WORKFLOW);
        // Each of these once kept a scan busy for more than ten minutes.
        write(root, ".gitignore", "build/\n" + "**/" + "*a*".repeat(300) + "/z\n"
                + String.join("/", java.util.Collections.nCopies(500, "**")) + "/x\n");
        Inventory inventory = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> new Discovery().discover(root, List.of(root), null));
        assertThat(inventory.gitIgnored()).contains("build/.github/workflows/ci.yml");
        assertThat(read(inventory)).contains(root.relativize(deep).toString().replace('\\', '/') + "/.github/workflows/ci.yml");
        assertThat(inventory.problems()).extracting(ReadProblem::message).containsExactly(
                "2 rules have more wildcards than are matched safely (2 * in a name, 2 ** and 4 [...] in a rule, 256 "
                        + "characters), so they were not applied");
    }

    @Test
    void whatIsMatchedSafely() {
        assertThat(GitIgnores.safeToMatch("*.log")).isTrue();
        assertThat(GitIgnores.safeToMatch("**/build/**")).isTrue();
        assertThat(GitIgnores.safeToMatch("/out/*-*.yml")).isTrue();
        assertThat(GitIgnores.safeToMatch("\\*\\*\\*literal")).as("escaped stars are letters").isTrue();
        assertThat(GitIgnores.safeToMatch("*a*b*c")).isFalse();
        assertThat(GitIgnores.safeToMatch("**/x/**/y/**")).isFalse();
        assertThat(GitIgnores.safeToMatch("[a][b][c][d][e]")).isFalse();
        assertThat(GitIgnores.safeToMatch("a".repeat(257))).isFalse();
    }

    /** However a tree and its rules are made, matching stops at its budget and the walk goes on without them. */
    @Test
    void matchingStopsAtItsBudget(@TempDir Path root) throws Exception {
        tree(root, true);
        List<String> said = new ArrayList<>();
        GitIgnores ignores = GitIgnores.forWalk(root.toRealPath(), (file, reason) -> said.add(reason), 1);
        List<String> ignored = new ArrayList<>();
        List<FoundFile> found = FileFinder.find(root.toRealPath(), ignores, (platform, path, size) -> { },
                (path, e) -> { }, (path, reason) -> { }, ignored::add);
        assertThat(found).hasSize(DEFINITIONS.size() - ignored.size());
        assertThat(found.size()).isGreaterThanOrEqualTo(DEFINITIONS.size() - 1);
        assertThat(said).containsExactly("matching the ignore rules took more than 0 ms, so the rest of the tree "
                + "was searched without them");
    }

    private static boolean gitWorks(Path dir) {
        try {
            return run(dir, "git", "--version") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return process.exitValue();
    }
}
